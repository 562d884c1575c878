package io.quicidl.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.quicidl.runtime.MethodDescriptor;
import java.util.Locale;

/**
 * The span names and attribute keys: OpenTelemetry's RPC semantic-convention names where one
 * fits, {@code rpc.quicidl.*} for what is quicidl's own. A span is named
 * {@code package.Service/method}.
 */
public final class SpanNames {
    /** Always {@code quicidl}. */
    public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("rpc.system");
    /** The service's full name, {@code package.Service}. */
    public static final AttributeKey<String> SERVICE = AttributeKey.stringKey("rpc.service");
    /** The method's name within its service. */
    public static final AttributeKey<String> METHOD = AttributeKey.stringKey("rpc.method");
    /** The method's pattern, lower case: {@code unary}, {@code server_streaming} … */
    public static final AttributeKey<String> PATTERN = AttributeKey.stringKey("rpc.quicidl.pattern");
    /** The status the call ended with: {@code OK}, {@code CANCELLED} … */
    public static final AttributeKey<String> STATUS = AttributeKey.stringKey("rpc.quicidl.status");
    /** On a cancel event: why, as the runtime words it (it names the stream's reset or stop code). */
    public static final AttributeKey<String> REASON = AttributeKey.stringKey("rpc.quicidl.reason");

    /** The event of a call cancelled, reset or stopped before it completed. */
    public static final String CANCELLED_EVENT = "quicidl.call.cancelled";
    /** The event of a call whose deadline passed. */
    public static final String DEADLINE_EVENT = "quicidl.call.deadline_exceeded";

    private SpanNames() {}

    static String spanName(MethodDescriptor<?, ?> method) {
        return method.fullName().substring(1);
    }

    static Attributes attributes(MethodDescriptor<?, ?> method) {
        String fullName = method.fullName();
        return Attributes.of(
                SYSTEM, "quicidl",
                SERVICE, method.serviceName(),
                METHOD, fullName.substring(fullName.lastIndexOf('/') + 1),
                PATTERN, method.pattern().name().toLowerCase(Locale.ROOT));
    }
}
