package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.Metadata;
import java.io.IOException;

/**
 * CALL: the first frame of every call stream a client opens (SPEC.md §3, §5).
 *
 * @param method "/package.Service/method"
 * @param timeoutMicros relative deadline, 0 for none (SPEC.md §7.2)
 * @param metadata request metadata
 * @param realtimeCallId {@code @realtime}: stream id of the call's first stream, else 0
 * @param realtimeSequence {@code @realtime}: index of this message stream within the call
 * @param realtimeEnd {@code @realtime}: this stream ends the call and carries no MESSAGE
 */
public record CallFrame(
        String method,
        long timeoutMicros,
        Metadata metadata,
        long realtimeCallId,
        long realtimeSequence,
        boolean realtimeEnd)
        implements FramePayload {

    /** A CALL for any pattern but {@code @realtime}. */
    public static CallFrame of(String method, long timeoutMicros, Metadata metadata) {
        return new CallFrame(method, timeoutMicros, metadata, 0, 0, false);
    }

    @Override
    public FrameType frameType() {
        return FrameType.CALL;
    }

    @Override
    public int fieldsSize() {
        return PayloadWriter.stringSize(1, method)
                + PayloadWriter.uint64Size(2, timeoutMicros)
                + PayloadWriter.metadataSize(3, metadata)
                + PayloadWriter.uint64Size(4, realtimeCallId)
                + PayloadWriter.uint64Size(5, realtimeSequence)
                + (realtimeEnd ? CodedOutputStream.computeBoolSize(6, true) : 0);
    }

    @Override
    public void writeFields(CodedOutputStream out) throws IOException {
        PayloadWriter.writeString(out, 1, method);
        PayloadWriter.writeUInt64(out, 2, timeoutMicros);
        PayloadWriter.writeMetadata(out, 3, metadata);
        PayloadWriter.writeUInt64(out, 4, realtimeCallId);
        PayloadWriter.writeUInt64(out, 5, realtimeSequence);
        if (realtimeEnd) {
            out.writeBool(6, true);
        }
    }

    /** Decodes a CALL payload. */
    public static CallFrame decode(ByteBuf payload) {
        String[] method = {""};
        long[] numbers = new long[3];
        boolean[] end = {false};
        Metadata.Builder metadata = Metadata.builder();
        PayloadReader.read(FrameType.CALL, payload, (number, in) -> {
            switch (number) {
                case 1 -> method[0] = PayloadReader.string(in);
                case 2 -> numbers[0] = PayloadReader.uint64(in);
                case 3 -> PayloadReader.readMetadataEntry(in, metadata);
                case 4 -> numbers[1] = PayloadReader.uint64(in);
                case 5 -> numbers[2] = PayloadReader.uint64(in);
                case 6 -> end[0] = PayloadReader.bool(in);
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new CallFrame(method[0], numbers[0], metadata.build(), numbers[1], numbers[2], end[0]);
    }
}
