package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuicVarintTest {

    @ParameterizedTest(name = "{0} takes {1} bytes: {2}")
    @CsvSource({
        "0,                   1, 00",
        "63,                  1, 3f",
        "64,                  2, 40 40",
        "16383,               2, 7f ff",
        "16384,               4, 80 00 40 00",
        "1073741823,          4, bf ff ff ff",
        "1073741824,          8, c0 00 00 00 40 00 00 00",
        "4611686018427387903, 8, ff ff ff ff ff ff ff ff",
    })
    void boundaryValuesUseTheShortestEncodingAndRoundTrip(long value, int length, String hex) {
        assertEquals(length, QuicVarint.encodedLength(value));
        ByteBuf buf = Unpooled.buffer();
        try {
            QuicVarint.write(buf, value);
            assertEquals(hex, Hex.of(buf));
            assertEquals(length, QuicVarint.lengthOf(buf.getByte(0)));
            assertEquals(value, QuicVarint.peek(buf, 0));
            assertEquals(value, QuicVarint.read(buf));
            assertEquals(0, buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    /** RFC 9000 §A.1 sample encodings. */
    @ParameterizedTest(name = "{0} decodes to {1}")
    @CsvSource({
        "c2 19 7c 5e ff 14 e8 8c, 151288809941952652",
        "9d 7f 3e 7d,             494878333",
        "7b bd,                   15293",
        "25,                      37",
    })
    void rfc9000SampleEncodingsDecodeAndReencodeIdentically(String hex, long value) {
        ByteBuf buf = Hex.buf(hex);
        try {
            assertEquals(value, QuicVarint.read(buf));
            assertEquals(0, buf.readableBytes());
        } finally {
            buf.release();
        }
        ByteBuf out = Unpooled.buffer();
        QuicVarint.write(out, value);
        assertEquals(hex.replaceAll("\\s+", " "), Hex.ofAndRelease(out));
    }

    @Test
    void nonMinimalEncodingIsAcceptedOnInput() {
        // RFC 9000 §A.1: 0x4025 also decodes to 37.
        ByteBuf buf = Hex.buf("40 25");
        try {
            assertEquals(37, QuicVarint.peek(buf, 0));
            assertEquals(37, QuicVarint.read(buf));
        } finally {
            buf.release();
        }
        ByteBuf eight = Hex.buf("c0 00 00 00 00 00 00 25");
        try {
            assertEquals(37, QuicVarint.read(eight));
        } finally {
            eight.release();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE, 1L << 62, Long.MAX_VALUE})
    void valuesOutsideZeroTo2Pow62Minus1AreRejected(long value) {
        assertThrows(IllegalArgumentException.class, () -> QuicVarint.encodedLength(value));
        ByteBuf buf = Unpooled.buffer();
        try {
            assertThrows(IllegalArgumentException.class, () -> QuicVarint.write(buf, value));
            assertEquals(0, buf.writerIndex(), "nothing written for a rejected value");
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "40", "80 00 00", "c0 00 00 00 00 00 00"})
    void peekOnTruncatedInputReturnsMinusOneAndReadThrows(String hex) {
        ByteBuf buf = Hex.buf(hex);
        try {
            assertEquals(-1, QuicVarint.peek(buf, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> QuicVarint.read(buf));
            assertEquals(0, buf.readerIndex(), "a failed read consumes nothing");
        } finally {
            buf.release();
        }
    }

    @Test
    void peekReadsAtAnIndexWithoutMovingTheReader() {
        ByteBuf buf = Hex.buf("ff 7b bd 25");
        try {
            assertEquals(15293, QuicVarint.peek(buf, 1));
            assertEquals(37, QuicVarint.peek(buf, 3));
            assertEquals(-1, QuicVarint.peek(buf, 4));
            assertEquals(0, buf.readerIndex());
        } finally {
            buf.release();
        }
    }

    @Test
    void peekOnlyLooksAtWrittenBytesEvenWhenCapacityIsLarger() {
        ByteBuf buf = Unpooled.buffer(16);
        try {
            buf.writeByte(0x80);
            buf.setBytes(1, new byte[] {0, 0, 1}); // beyond the writer index: not input yet
            assertEquals(-1, QuicVarint.peek(buf, 0));
        } finally {
            buf.release();
        }
    }
}
