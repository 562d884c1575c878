package io.quicidl.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Netty QUIC methods {@link CoalescedSends} reaches into exist in the pinned Netty: an
 * upgrade that renames them fails here instead of silently sending one packet per write.
 */
class CoalescedSendsTest {
    @Test
    void nettysSendBracketIsReachable() {
        assertTrue(
                CoalescedSends.available(),
                "QuicheQuicChannel.markInFireChannelReadCompleteQueue/recvComplete are not reachable:"
                        + " check them against the Netty version in the root pom");
    }
}
