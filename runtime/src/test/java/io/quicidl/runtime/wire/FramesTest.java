package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.quicidl.runtime.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Frames}, {@link Frame} and {@link FrameType}: encoding whole frames. */
class FramesTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void messageFrameCarriesTheCodecsBytes() {
        assertEquals("02 04 0a 02 68 69", Hex.ofAndRelease(Frames.message(ALLOC, NoteCodec.INSTANCE, "hi")));
        assertEquals("02 00", Hex.ofAndRelease(Frames.message(ALLOC, NoteCodec.INSTANCE, "")));
    }

    @ParameterizedTest(name = "text of {0} bytes")
    @CsvSource({"61, 1", "62, 2", "16380, 2", "16381, 4"})
    void messageLengthFieldGrowsAtTheVarintBoundaries(int textLength, int lengthFieldBytes) {
        // Payload = 1 tag byte + the string's own length varint + the text.
        ByteBuf frame = Frames.message(ALLOC, NoteCodec.INSTANCE, "x".repeat(textLength));
        try {
            int payload = NoteCodec.INSTANCE.encodedSize("x".repeat(textLength));
            assertEquals(1 + lengthFieldBytes + payload, frame.readableBytes());
            assertEquals(FrameType.MESSAGE.value(), QuicVarint.read(frame));
            assertEquals(payload, QuicVarint.read(frame));
            assertEquals(payload, frame.readableBytes());
        } finally {
            frame.release();
        }
    }

    @ParameterizedTest
    @EnumSource(FrameType.class)
    void emptyFrameIsTypeAndZeroLength(FrameType type) {
        assertEquals(String.format("%02x 00", type.value()), Hex.ofAndRelease(Frames.empty(ALLOC, type)));
    }

    @Test
    void framesAreDirectBuffersEvenFromAHeapPreferringAllocator() {
        ByteBuf frame = Frames.encode(new UnpooledByteBufAllocator(false), new PingFrame(false, 1));
        try {
            assertTrue(frame.isDirect());
        } finally {
            frame.release();
        }
    }

    @Test
    void codecThatWritesLessThanItDeclaredFailsAndReleasesTheBuffer() {
        MessageCodec<String> lying = new LyingCodec(+3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Frames.message(ALLOC, lying, "hi"));
        assertEquals("MESSAGE payload wrote 4 bytes but declared 7", e.getMessage());
        // The leak check (NettyLeakCheck) fails this class if the buffer was not released.
    }

    @Test
    void codecThatWritesMoreThanItDeclaredFailsAndReleasesTheBuffer() {
        MessageCodec<String> lying = new LyingCodec(-2);
        assertThrows(UncheckedIOException.class, () -> Frames.message(ALLOC, lying, "hi"));
    }

    @Test
    void codecThatThrowsReleasesTheBuffer() {
        MessageCodec<String> broken = new LyingCodec(0) {
            @Override
            public void encode(String value, CodedOutputStream out) {
                throw new IllegalArgumentException("broken");
            }
        };
        assertThrows(IllegalArgumentException.class, () -> Frames.message(ALLOC, broken, "hi"));
    }

    @Test
    void headerLengthCountsTypeAndLengthVarints() {
        assertEquals(2, Frames.headerLength(FrameType.CALL, 0));
        assertEquals(2, Frames.headerLength(FrameType.CALL, 63));
        assertEquals(3, Frames.headerLength(FrameType.CALL, 64));
        assertEquals(5, Frames.headerLength(FrameType.MESSAGE, 16_384));
        assertEquals(9, Frames.headerLength(FrameType.MESSAGE, Integer.MAX_VALUE));
    }

    @Test
    void frameTypeValuesAreThoseOfTheSpecTable() {
        String[] names = {
            null,
            "CALL",
            "MESSAGE",
            "STATUS",
            "RESPONSE_HEADER",
            "HEADERS",
            "SETTINGS",
            "GOAWAY",
            "DRAINED",
            "STREAM_STOPPED",
            "PING",
            "PONG"
        };
        for (int value = 1; value < names.length; value++) {
            FrameType type = FrameType.of(value);
            assertEquals(names[value], type.name());
            assertEquals(value, type.value());
            assertEquals(value >= 6, type.isControl(), type + " is a control-stream frame");
        }
        assertNull(FrameType.of(0));
        assertNull(FrameType.of(12));
        assertNull(FrameType.of(-1));
        assertNull(FrameType.of(QuicVarint.MAX_VALUE));
    }

    @Test
    void frameHolderKeepsItsTypeWhenRetainedOrReplaced() {
        Frame frame = new Frame(FrameType.STATUS, Hex.buf("08 05"));
        try {
            assertSame(frame, frame.retain());
            frame.release();
            assertSame(frame, frame.touch("hint"));
            Frame copy = (Frame) frame.copy(); // DefaultByteBufHolder.copy() goes through replace()
            assertEquals(FrameType.STATUS, copy.type());
            assertEquals("STATUS(2 bytes)", copy.toString());
            copy.release();
        } finally {
            frame.release();
        }
        assertEquals(0, frame.refCnt());
    }

    /** Declares {@code skew} more bytes than it writes. */
    private static class LyingCodec implements MessageCodec<String> {
        private final int skew;

        LyingCodec(int skew) {
            this.skew = skew;
        }

        @Override
        public int encodedSize(String value) {
            return NoteCodec.INSTANCE.encodedSize(value) + skew;
        }

        @Override
        public void encode(String value, CodedOutputStream out) throws IOException {
            NoteCodec.INSTANCE.encode(value, out);
        }

        @Override
        public String decode(CodedInputStream in) throws IOException {
            return NoteCodec.INSTANCE.decode(in);
        }
    }
}
