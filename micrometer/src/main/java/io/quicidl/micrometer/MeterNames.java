package io.quicidl.micrometer;

/**
 * The tag keys of the call meters: OpenTelemetry's RPC semantic-convention names where one fits,
 * {@code rpc.quicidl.*} for what is quicidl's own.
 */
public final class MeterNames {
    /** Always {@code quicidl}. */
    public static final String SYSTEM = "rpc.system";
    /** The service's full name, {@code package.Service}. */
    public static final String SERVICE = "rpc.service";
    /** The method's name within its service. */
    public static final String METHOD = "rpc.method";
    /** The method's pattern, lower case: {@code unary}, {@code server_streaming} … */
    public static final String PATTERN = "rpc.quicidl.pattern";
    /** The status a call ended with: {@code OK}, {@code CANCELLED} … */
    public static final String STATUS = "rpc.quicidl.status";
    /** On connection gauges: {@code client} or {@code server}. */
    public static final String SIDE = "quic.side";
    /** On connection gauges: the endpoint's number for the connection, as its log lines name it. */
    public static final String CONNECTION = "quic.connection";

    private MeterNames() {}
}
