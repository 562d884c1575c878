package io.quicidl.runtime.wire;

import io.netty.buffer.ByteBuf;

/** Reads one frame from accumulated bytes, checking limits before the payload is buffered. */
public final class FrameReader {
    private FrameReader() {}

    /**
     * Takes the next whole frame from {@code in}.
     *
     * @return the frame (its payload a retained slice of {@code in}), or {@code null} when more
     *     bytes are needed; nothing is consumed then
     * @throws FrameException for an unknown type or a length over the limit, as soon as the
     *     type and length are readable
     */
    public static Frame next(ByteBuf in, int maxMessageBytes, int maxControlFrameBytes) {
        int start = in.readerIndex();
        long typeValue = QuicVarint.peek(in, start);
        if (typeValue < 0) {
            return null;
        }
        FrameType type = FrameType.of(typeValue);
        if (type == null) {
            throw new FrameException(ErrorCode.PROTOCOL_ERROR, "unknown frame type 0x" + Long.toHexString(typeValue));
        }
        int lengthIndex = start + QuicVarint.lengthOf(in.getByte(start));
        long length = QuicVarint.peek(in, lengthIndex);
        if (length < 0) {
            return null;
        }
        int limit = type == FrameType.MESSAGE ? maxMessageBytes : maxControlFrameBytes;
        if (length > limit) {
            throw new FrameException(
                    ErrorCode.RESOURCE_EXHAUSTED,
                    type + " frame of " + length + " bytes exceeds the limit of " + limit + " bytes");
        }
        int payloadIndex = lengthIndex + QuicVarint.lengthOf(in.getByte(lengthIndex));
        if (in.writerIndex() - payloadIndex < length) {
            return null;
        }
        in.readerIndex(payloadIndex);
        return new Frame(type, in.readRetainedSlice((int) length));
    }
}
