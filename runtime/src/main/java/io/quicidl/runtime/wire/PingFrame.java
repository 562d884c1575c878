package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/** PING or PONG on a control stream, for liveness (SPEC.md §6.4). */
public record PingFrame(boolean pong, long opaque) implements FramePayload {
    @Override
    public FrameType frameType() {
        return pong ? FrameType.PONG : FrameType.PING;
    }

    @Override
    public int fieldsSize() {
        return PayloadWriter.uint64Size(1, opaque);
    }

    @Override
    public void writeFields(CodedOutputStream out) throws IOException {
        PayloadWriter.writeUInt64(out, 1, opaque);
    }

    /** Decodes a PING or PONG payload. */
    public static PingFrame decode(FrameType type, ByteBuf payload) {
        long[] opaque = {0};
        PayloadReader.read(type, payload, (number, in) -> {
            if (number == 1) {
                opaque[0] = PayloadReader.uint64(in);
                return true;
            }
            return false;
        });
        return new PingFrame(type == FrameType.PONG, opaque[0]);
    }
}
