package io.quicidl.micrometer;

import io.micrometer.core.instrument.Clock;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.StatusCode;

/**
 * One call's view for the meters: counts its messages and records its duration and status when
 * it ends. A server call's requests are received and its responses sent; a client call's the
 * other way round.
 */
final class MeteredCall implements ServerCallListener {
    private final MethodMeters meters;
    private final Clock clock;
    private final boolean server;
    private final long startNanos;

    MeteredCall(MethodMeters meters, Clock clock, boolean server) {
        this.meters = meters;
        this.clock = clock;
        this.server = server;
        this.startNanos = clock.monotonicTime();
        meters.started();
    }

    @Override
    public void onRequest(Object request, int encodedSize) {
        if (server) {
            meters.received(encodedSize);
        } else {
            meters.sent(encodedSize);
        }
    }

    @Override
    public void onResponse(Object response, int encodedSize) {
        if (server) {
            meters.sent(encodedSize);
        } else {
            meters.received(encodedSize);
        }
    }

    @Override
    public void onClose(StatusCode code, String description) {
        meters.ended(code, clock.monotonicTime() - startNanos);
    }
}
