package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.quicidl.runtime.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The QUIC DATAGRAM payload of a {@code @realtime(delivery = datagram)} message (SPEC.md §5.9):
 * {@code call_id sequence sent_micros message}, the first three QUIC varints, the message the
 * rest of the datagram with no frame header.
 *
 * @param callId the stream id of the call's CALL stream
 * @param sequence 0, 1, 2 … per call
 * @param sentMicros microseconds from the CALL frame being written to this datagram being written
 */
public record RealtimeDatagram(long callId, long sequence, long sentMicros) {

    /** Bytes of the header before the message. */
    public int headerLength() {
        return QuicVarint.encodedLength(callId)
                + QuicVarint.encodedLength(sequence)
                + QuicVarint.encodedLength(sentMicros);
    }

    /** The whole datagram payload: this header, then {@code message} encoded by {@code codec}. */
    public <T> ByteBuf encode(ByteBufAllocator alloc, MessageCodec<T> codec, T message) {
        int size = codec.encodedSize(message);
        ByteBuf buf = alloc.directBuffer(headerLength() + size);
        try {
            QuicVarint.write(buf, callId);
            QuicVarint.write(buf, sequence);
            QuicVarint.write(buf, sentMicros);
            CodedOutputStream out = CodedOutputStream.newInstance(buf.nioBuffer(buf.writerIndex(), size));
            codec.encode(message, out);
            out.flush();
            buf.writerIndex(buf.writerIndex() + size);
            return buf;
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /**
     * Reads the header of a received datagram, leaving {@code in}'s reader index at the message.
     *
     * @throws FrameException PROTOCOL_ERROR when the datagram ends inside its header
     */
    public static RealtimeDatagram readHeader(ByteBuf in) throws FrameException {
        long[] fields = new long[3];
        for (int i = 0; i < fields.length; i++) {
            if (!in.isReadable() || in.readableBytes() < QuicVarint.lengthOf(in.getByte(in.readerIndex()))) {
                throw new FrameException(
                        ErrorCode.PROTOCOL_ERROR,
                        "realtime datagram of " + in.writerIndex() + " bytes ends in its header");
            }
            fields[i] = QuicVarint.read(in);
        }
        return new RealtimeDatagram(fields[0], fields[1], fields[2]);
    }
}
