package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.Metadata;
import java.io.IOException;

/** HEADERS: response metadata, the optional first frame of a response half (SPEC.md §3). */
public record HeadersFrame(Metadata metadata) implements FramePayload {
    @Override
    public FrameType frameType() {
        return FrameType.HEADERS;
    }

    @Override
    public int fieldsSize() {
        return PayloadWriter.metadataSize(1, metadata);
    }

    @Override
    public void writeFields(CodedOutputStream out) throws IOException {
        PayloadWriter.writeMetadata(out, 1, metadata);
    }

    /** Decodes a HEADERS payload. */
    public static HeadersFrame decode(ByteBuf payload) {
        Metadata.Builder metadata = Metadata.builder();
        PayloadReader.read(FrameType.HEADERS, payload, (number, in) -> {
            if (number == 1) {
                PayloadReader.readMetadataEntry(in, metadata);
                return true;
            }
            return false;
        });
        return new HeadersFrame(metadata.build());
    }
}
