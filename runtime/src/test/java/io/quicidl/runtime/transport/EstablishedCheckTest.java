package io.quicidl.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Netty QUIC method {@link EstablishedCheck} reaches into exists in the pinned Netty: an
 * upgrade that renames it fails here instead of silently making every connect a round trip
 * slower again.
 */
class EstablishedCheckTest {
    @Test
    void nettysReceiveProcessingIsReachable() {
        assertTrue(
                EstablishedCheck.available(),
                "QuicheQuicChannel.connection / QuicChannelUnsafe.processReceived are not reachable:"
                        + " check them against the Netty version in the root pom");
    }
}
