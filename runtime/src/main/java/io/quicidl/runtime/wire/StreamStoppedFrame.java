package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.StatusCode;
import java.io.IOException;

/**
 * STREAM_STOPPED: tells the peer, on the control stream, that the sender stopped one of its
 * streams, because a QUIC stack may not surface STOP_SENDING until the writer writes
 * (SPEC.md §5.1, §5.5).
 *
 * @param streamId the stopped stream
 * @param code the STOP_SENDING code
 * @param status the call's status for calls without a response half, or {@code null}
 * @param statusMessage text for {@code status}, may be empty
 */
public record StreamStoppedFrame(long streamId, ErrorCode code, StatusCode status, String statusMessage)
        implements FramePayload {
    @Override
    public FrameType frameType() {
        return FrameType.STREAM_STOPPED;
    }

    @Override
    public int fieldsSize() {
        return PayloadWriter.uint64Size(1, streamId)
                + PayloadWriter.uint64Size(2, code.value())
                + (status == null ? 0 : PayloadWriter.uint64Size(3, status.value()))
                + PayloadWriter.stringSize(4, statusMessage);
    }

    @Override
    public void writeFields(CodedOutputStream out) throws IOException {
        PayloadWriter.writeUInt64(out, 1, streamId);
        PayloadWriter.writeUInt64(out, 2, code.value());
        if (status != null) {
            PayloadWriter.writeUInt64(out, 3, status.value());
        }
        PayloadWriter.writeString(out, 4, statusMessage);
    }

    /** Decodes a STREAM_STOPPED payload; a status code of 0 (OK) reads as no status. */
    public static StreamStoppedFrame decode(ByteBuf payload) {
        long[] numbers = new long[3];
        String[] message = {""};
        PayloadReader.read(FrameType.STREAM_STOPPED, payload, (number, in) -> {
            switch (number) {
                case 1, 2, 3 -> numbers[number - 1] = PayloadReader.uint64(in);
                case 4 -> message[0] = PayloadReader.string(in);
                default -> {
                    return false;
                }
            }
            return true;
        });
        StatusCode status = numbers[2] == 0 ? null : StatusCode.of(numbers[2]);
        return new StreamStoppedFrame(numbers[0], ErrorCode.of(numbers[1]), status, message[0]);
    }
}
