package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * GOAWAY: the sender opens no more call streams, or (from a server) processes no client streams
 * at or above the limits (SPEC.md §6.3).
 *
 * @param bidiLimit first client bidi stream id not covered
 * @param uniLimit first client uni stream id not covered
 * @param code why, {@link ErrorCode#NO_ERROR} for a graceful close
 * @param reason human-readable text, may be empty
 */
public record GoAwayFrame(long bidiLimit, long uniLimit, ErrorCode code, String reason) implements FramePayload {
    @Override
    public FrameType frameType() {
        return FrameType.GOAWAY;
    }

    @Override
    public int fieldsSize() {
        return PayloadWriter.uint64Size(1, bidiLimit)
                + PayloadWriter.uint64Size(2, uniLimit)
                + PayloadWriter.uint64Size(3, code.value())
                + PayloadWriter.stringSize(4, reason);
    }

    @Override
    public void writeFields(CodedOutputStream out) throws IOException {
        PayloadWriter.writeUInt64(out, 1, bidiLimit);
        PayloadWriter.writeUInt64(out, 2, uniLimit);
        PayloadWriter.writeUInt64(out, 3, code.value());
        PayloadWriter.writeString(out, 4, reason);
    }

    /** Decodes a GOAWAY payload. */
    public static GoAwayFrame decode(ByteBuf payload) {
        long[] numbers = new long[3];
        String[] reason = {""};
        PayloadReader.read(FrameType.GOAWAY, payload, (number, in) -> {
            switch (number) {
                case 1, 2, 3 -> numbers[number - 1] = PayloadReader.uint64(in);
                case 4 -> reason[0] = PayloadReader.string(in);
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new GoAwayFrame(numbers[0], numbers[1], ErrorCode.of(numbers[2]), reason[0]);
    }
}
