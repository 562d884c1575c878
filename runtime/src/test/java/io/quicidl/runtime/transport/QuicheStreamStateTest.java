package io.quicidl.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Netty QUIC internals {@link QuicheStreamState} reaches into exist in the pinned Netty: an
 * upgrade that renames one fails here instead of silently bringing back calls that never end
 * under loss (their FIN stranded in quiche; benchmarks' {@code LossyMixedCallsTest} shows it).
 */
class QuicheStreamStateTest {
    @Test
    void nettysStreamStateIsReachable() {
        assertTrue(
                QuicheStreamState.available(),
                "QuicheQuicChannel.connection / streamClosed / streamSendFin, QuicheQuicConnection.isFreed /"
                        + " address, Quiche.quiche_conn_stream_finished or QuicheQuicStreamChannel.readable / finSent /"
                        + " finReceived are not reachable: check them against the Netty version in the root pom");
    }
}
