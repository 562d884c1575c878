package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * RESPONSE_HEADER: the first frame of an {@code @unordered} response stream (SPEC.md §5.6).
 *
 * @param callStreamId id of the call's control stream
 * @param index the response's index, chosen by the server handler
 */
public record ResponseHeaderFrame(long callStreamId, long index) implements FramePayload {
    @Override
    public FrameType frameType() {
        return FrameType.RESPONSE_HEADER;
    }

    @Override
    public int fieldsSize() {
        return PayloadWriter.uint64Size(1, callStreamId) + PayloadWriter.uint64Size(2, index);
    }

    @Override
    public void writeFields(CodedOutputStream out) throws IOException {
        PayloadWriter.writeUInt64(out, 1, callStreamId);
        PayloadWriter.writeUInt64(out, 2, index);
    }

    /** Decodes a RESPONSE_HEADER payload. */
    public static ResponseHeaderFrame decode(ByteBuf payload) {
        long[] numbers = new long[2];
        PayloadReader.read(FrameType.RESPONSE_HEADER, payload, (number, in) -> {
            if (number == 1 || number == 2) {
                numbers[number - 1] = PayloadReader.uint64(in);
                return true;
            }
            return false;
        });
        return new ResponseHeaderFrame(numbers[0], numbers[1]);
    }
}
