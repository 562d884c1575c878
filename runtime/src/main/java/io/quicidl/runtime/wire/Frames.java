package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.quicidl.runtime.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Encodes whole frames (type, length, payload) into direct buffers, ready to write to a stream.
 * Payloads are encoded straight into the frame's buffer: no intermediate copies.
 */
public final class Frames {
    private Frames() {}

    /** A frame carrying {@code payload}'s fields. */
    public static ByteBuf encode(ByteBufAllocator alloc, FramePayload payload) {
        int size = payload.fieldsSize();
        return encode(alloc, payload.frameType(), size, out -> payload.writeFields(out));
    }

    /** A MESSAGE frame carrying {@code message} encoded by {@code codec}. */
    public static <T> ByteBuf message(ByteBufAllocator alloc, MessageCodec<T> codec, T message) {
        int size = codec.encodedSize(message);
        return encode(alloc, FrameType.MESSAGE, size, out -> codec.encode(message, out));
    }

    /** A frame with an empty payload, such as DRAINED. */
    public static ByteBuf empty(ByteBufAllocator alloc, FrameType type) {
        ByteBuf buf = alloc.directBuffer(2);
        QuicVarint.write(buf, type.value());
        QuicVarint.write(buf, 0);
        return buf;
    }

    /** Bytes of the type and length prefix of a frame with this payload size. */
    public static int headerLength(FrameType type, int payloadSize) {
        return QuicVarint.encodedLength(type.value()) + QuicVarint.encodedLength(payloadSize);
    }

    private interface FieldWriter {
        void write(CodedOutputStream out) throws IOException;
    }

    private static ByteBuf encode(ByteBufAllocator alloc, FrameType type, int size, FieldWriter writer) {
        ByteBuf buf = alloc.directBuffer(headerLength(type, size) + size);
        try {
            QuicVarint.write(buf, type.value());
            QuicVarint.write(buf, size);
            ByteBuffer target = buf.nioBuffer(buf.writerIndex(), size);
            CodedOutputStream out = CodedOutputStream.newInstance(target);
            writer.write(out);
            out.flush();
            if (out.getTotalBytesWritten() != size) {
                throw new IllegalStateException(
                        type + " payload wrote " + out.getTotalBytesWritten() + " bytes but declared " + size);
            }
            buf.writerIndex(buf.writerIndex() + size);
            return buf;
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException("encoding a " + type + " frame", e);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
