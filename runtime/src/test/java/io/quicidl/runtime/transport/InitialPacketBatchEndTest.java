package io.quicidl.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Which first bytes mark a client's Initial packet (RFC 9000 §17), the packets the batch ends after. */
class InitialPacketBatchEndTest {
    private static boolean initial(int... bytes) {
        ByteBuf datagram = Unpooled.buffer();
        for (int b : bytes) {
            datagram.writeByte(b);
        }
        try {
            return InitialPacketBatchEnd.startsWithInitialPacket(datagram);
        } finally {
            datagram.release();
        }
    }

    @Test
    void anInitialLongHeaderWhateverItsProtectedBits() {
        assertTrue(initial(0xC0, 0, 0, 0, 1));
        assertTrue(initial(0xC3, 0, 0, 0, 1));
        assertTrue(initial(0xCF));
    }

    @Test
    void notZeroRttHandshakeRetryOrShortHeaders() {
        assertFalse(initial(0xD0)); // 0-RTT
        assertFalse(initial(0xE0)); // Handshake
        assertFalse(initial(0xF0)); // Retry
        assertFalse(initial(0x40)); // 1-RTT
        assertFalse(initial(0x00));
        assertFalse(initial());
    }
}
