package io.quicidl.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quicidl.runtime.CallListener;
import io.quicidl.runtime.ClientCallInfo;
import io.quicidl.runtime.ClientInterceptor;

/**
 * Meters every call made through a channel, per method: {@code rpc.client.duration} (timer) and
 * {@code rpc.client.calls} (counter) by status, {@code rpc.client.calls.active} (gauge),
 * {@code rpc.client.messages.sent/received} and {@code rpc.client.bytes.sent/received}, and
 * {@code rpc.client.calls.refused} for calls ended with RESOURCE_EXHAUSTED or UNAVAILABLE (refused
 * by the server's limits or admission control, or a connection that went away). Tags: see
 * {@link MeterNames}.
 *
 * <p>Attach it with {@code client.intercept(new MetricsClientInterceptor(registry))}, first in
 * the chain so that it also counts the calls a later interceptor fails. Use one instance per
 * registry (several channels may share it), as for {@link MetricsServerInterceptor}.
 */
public final class MetricsClientInterceptor implements ClientInterceptor {
    private final CallMeters meters;

    public MetricsClientInterceptor(MeterRegistry registry) {
        this.meters = new CallMeters(registry, "client");
    }

    @Override
    public CallListener interceptCall(ClientCallInfo call) {
        return meters.start(call.method());
    }
}
