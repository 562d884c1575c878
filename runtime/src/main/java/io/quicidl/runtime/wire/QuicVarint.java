package io.quicidl.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * QUIC variable-length integers (RFC 9000 §16): the two high bits of the first byte give the
 * length (1, 2, 4 or 8 bytes), the remaining bits hold the value big-endian. SPEC.md §2.
 */
public final class QuicVarint {
    /** The largest value a varint can hold, 2^62-1. */
    public static final long MAX_VALUE = (1L << 62) - 1;

    private QuicVarint() {}

    /** Number of bytes the shortest encoding of {@code value} takes. */
    public static int encodedLength(long value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("varint out of range: " + value);
        }
        if (value <= 63) {
            return 1;
        }
        if (value <= 16_383) {
            return 2;
        }
        if (value <= 1_073_741_823) {
            return 4;
        }
        return 8;
    }

    /** Number of bytes of the varint whose first byte is {@code firstByte}. */
    public static int lengthOf(byte firstByte) {
        return 1 << ((firstByte & 0xC0) >>> 6);
    }

    /** Writes the shortest encoding of {@code value}. */
    public static void write(ByteBuf out, long value) {
        switch (encodedLength(value)) {
            case 1 -> out.writeByte((int) value);
            case 2 -> out.writeShort((int) value | 0x4000);
            case 4 -> out.writeInt((int) value | 0x8000_0000);
            default -> out.writeLong(value | 0xC000_0000_0000_0000L);
        }
    }

    /**
     * Reads the varint at {@code index} without moving the reader index.
     *
     * @return the value, or -1 when fewer bytes than the varint needs are readable from there
     */
    public static long peek(ByteBuf in, int index) {
        if (index >= in.writerIndex()) {
            return -1;
        }
        byte first = in.getByte(index);
        int length = lengthOf(first);
        if (index + length > in.writerIndex()) {
            return -1;
        }
        return switch (length) {
            case 1 -> first & 0x3F;
            case 2 -> in.getShort(index) & 0x3FFF;
            case 4 -> in.getInt(index) & 0x3FFF_FFFFL;
            default -> in.getLong(index) & 0x3FFF_FFFF_FFFF_FFFFL;
        };
    }

    /** Reads a varint, moving the reader index past it; the bytes must be readable. */
    public static long read(ByteBuf in) {
        long value = peek(in, in.readerIndex());
        if (value < 0) {
            throw new IndexOutOfBoundsException("truncated varint");
        }
        in.skipBytes(lengthOf(in.getByte(in.readerIndex())));
        return value;
    }
}
