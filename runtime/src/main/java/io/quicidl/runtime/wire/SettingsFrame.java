package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/** SETTINGS: an endpoint's limits, the first frame of its control stream (SPEC.md §6.1). */
public record SettingsFrame(long maxMessageBytes, long maxMetadataBytes) implements FramePayload {
    @Override
    public FrameType frameType() {
        return FrameType.SETTINGS;
    }

    @Override
    public int fieldsSize() {
        return PayloadWriter.uint64Size(1, maxMessageBytes) + PayloadWriter.uint64Size(2, maxMetadataBytes);
    }

    @Override
    public void writeFields(CodedOutputStream out) throws IOException {
        PayloadWriter.writeUInt64(out, 1, maxMessageBytes);
        PayloadWriter.writeUInt64(out, 2, maxMetadataBytes);
    }

    /** Decodes a SETTINGS payload. */
    public static SettingsFrame decode(ByteBuf payload) {
        long[] numbers = new long[2];
        PayloadReader.read(FrameType.SETTINGS, payload, (number, in) -> {
            if (number == 1 || number == 2) {
                numbers[number - 1] = PayloadReader.uint64(in);
                return true;
            }
            return false;
        });
        return new SettingsFrame(numbers[0], numbers[1]);
    }
}
