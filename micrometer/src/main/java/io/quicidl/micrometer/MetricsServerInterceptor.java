package io.quicidl.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quicidl.runtime.ServerCallInfo;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.ServerInterceptor;

/**
 * Meters every call of a server, per method: {@code rpc.server.duration} (timer) and
 * {@code rpc.server.calls} (counter) by status, {@code rpc.server.calls.active} (gauge),
 * {@code rpc.server.messages.sent/received} and {@code rpc.server.bytes.sent/received}, and
 * {@code rpc.server.calls.refused} for calls ended with RESOURCE_EXHAUSTED or UNAVAILABLE. Tags:
 * see {@link MeterNames}.
 *
 * <p>Register it first with {@code Server.Builder.intercept} so that it also counts the calls a
 * later interceptor refuses. Calls the server refuses before any interceptor (its handler
 * admission) are counted by {@link ConnectionMetrics#of(io.quicidl.runtime.Server)}.
 *
 * <p>Use one instance per registry (several servers may share it): a second instance on the same
 * registry would find the {@code calls.active} gauges already registered by the first, and its
 * calls would not show in them.
 */
public final class MetricsServerInterceptor implements ServerInterceptor {
    private final CallMeters meters;

    public MetricsServerInterceptor(MeterRegistry registry) {
        this.meters = new CallMeters(registry, "server");
    }

    @Override
    public ServerCallListener interceptCall(ServerCallInfo call) {
        return meters.start(call.method());
    }
}
