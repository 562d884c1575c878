package io.quicidl.runtime;

/**
 * Observes what an endpoint does on the wire: streams opened, FIN, RESET_STREAM, STOP_SENDING
 * and CONNECTION_CLOSE, each with its code. For tests that assert close discipline and for
 * demos that show it. Called on event-loop threads: implementations must be thread-safe and
 * must not block.
 */
@FunctionalInterface
public interface WireTap {
    /** A tap that records nothing. */
    WireTap NONE = event -> {};

    /** Records one event. */
    void record(WireEvent event);
}
