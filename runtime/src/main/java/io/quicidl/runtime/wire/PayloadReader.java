package io.quicidl.runtime.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.Metadata;
import java.io.IOException;

/**
 * Reads the protobuf-encoded fields of a frame payload, skipping unknown ones (SPEC.md §3).
 * Any malformed input surfaces as a {@link FrameException} with PROTOCOL_ERROR.
 */
final class PayloadReader {
    /** Receives each field of a payload; must consume the field's value or skip it. */
    interface FieldHandler {
        /** @return false when the field is unknown, so the reader skips it */
        boolean field(int number, CodedInputStream in) throws IOException;
    }

    private PayloadReader() {}

    static void read(FrameType type, ByteBuf payload, FieldHandler handler) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(payload.nioBuffer());
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (!handler.field(WireFormat.getTagFieldNumber(tag), in)) {
                    in.skipField(tag);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new FrameException(ErrorCode.PROTOCOL_ERROR, "malformed " + type + " payload: " + e.getMessage(), e);
        }
    }

    /** Reads one length-delimited MetadataEntry and adds it to {@code into}. */
    static void readMetadataEntry(CodedInputStream in, Metadata.Builder into) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String key = "";
        byte[] value = new byte[0];
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = in.readStringRequireUtf8();
                case 2 -> value = in.readByteArray();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        try {
            into.add(key, value);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
