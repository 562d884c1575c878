package io.quicidl.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Netty QUIC methods {@link ClosedStreams} reaches into exist in the pinned Netty: an upgrade
 * that renames them fails here instead of silently leaking stream credit again.
 */
class ClosedStreamsTest {
    @Test
    void nettysStreamTableIsReachable() {
        assertTrue(
                ClosedStreams.available(),
                "QuicheQuicChannel.streamClosed/streamCapacity are not reachable:"
                        + " check them against the Netty version in the root pom");
    }
}
