package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import io.quicidl.runtime.Metadata;
import java.io.IOException;

/** Sizes and writes the recurring field shapes of frame payloads (SPEC.md §3). */
final class PayloadWriter {
    private PayloadWriter() {}

    static int metadataSize(int fieldNumber, Metadata metadata) {
        int size = 0;
        for (Metadata.Entry entry : metadata.entries()) {
            size += CodedOutputStream.computeTagSize(fieldNumber) + lengthDelimitedSize(entrySize(entry));
        }
        return size;
    }

    static void writeMetadata(CodedOutputStream out, int fieldNumber, Metadata metadata) throws IOException {
        for (Metadata.Entry entry : metadata.entries()) {
            out.writeTag(fieldNumber, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(entrySize(entry));
            out.writeString(1, entry.key());
            byte[] value = entry.value();
            if (value.length > 0) {
                out.writeByteArray(2, value);
            }
        }
    }

    static int uint64Size(int fieldNumber, long value) {
        return value == 0 ? 0 : CodedOutputStream.computeUInt64Size(fieldNumber, value);
    }

    static void writeUInt64(CodedOutputStream out, int fieldNumber, long value) throws IOException {
        if (value != 0) {
            out.writeUInt64(fieldNumber, value);
        }
    }

    static int stringSize(int fieldNumber, String value) {
        return value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(fieldNumber, value);
    }

    static void writeString(CodedOutputStream out, int fieldNumber, String value) throws IOException {
        if (!value.isEmpty()) {
            out.writeString(fieldNumber, value);
        }
    }

    static int lengthDelimitedSize(int contentSize) {
        return CodedOutputStream.computeUInt32SizeNoTag(contentSize) + contentSize;
    }

    private static int entrySize(Metadata.Entry entry) {
        int valueLength = entry.value().length;
        return CodedOutputStream.computeStringSize(1, entry.key())
                + (valueLength == 0 ? 0 : CodedOutputStream.computeTagSize(2) + lengthDelimitedSize(valueLength));
    }
}
