package io.quicidl.runtime.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.ErrorDetail;
import io.quicidl.runtime.Metadata;
import java.io.IOException;

/**
 * Reads the protobuf-encoded fields of a frame payload, skipping unknown ones (SPEC.md §3).
 * Known fields are read with the typed readers below, which reject a field whose wire type is not
 * the one SPEC.md §3 gives it. Any malformed input surfaces as a {@link FrameException} with
 * PROTOCOL_ERROR.
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
            ProtobufInput.read(payload, in -> {
                readFields(in, handler);
                return null;
            });
        } catch (IOException | RuntimeException e) {
            throw new FrameException(ErrorCode.PROTOCOL_ERROR, "malformed " + type + " payload: " + e.getMessage(), e);
        }
    }

    /** Reads fields until the end of the input or of the current limit. */
    private static void readFields(CodedInputStream in, FieldHandler handler) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (!handler.field(WireFormat.getTagFieldNumber(tag), in) && !in.skipField(tag)) {
                // skipField returns false only for an end-group tag, which has no group to end here.
                throw new InvalidProtocolBufferException("end-group tag without a group");
            }
        }
    }

    /** A uint64 (or uint32, bool) field's value; the field must have wire type VARINT. */
    static long uint64(CodedInputStream in) throws IOException {
        expect(in, WireFormat.WIRETYPE_VARINT);
        return in.readUInt64();
    }

    /** A bool field's value: any non-zero varint is true. */
    static boolean bool(CodedInputStream in) throws IOException {
        expect(in, WireFormat.WIRETYPE_VARINT);
        return in.readBool();
    }

    /** A string field's value; must be LEN and valid UTF-8. */
    static String string(CodedInputStream in) throws IOException {
        expect(in, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        return in.readStringRequireUtf8();
    }

    /** A bytes field's value; must be LEN. */
    static byte[] bytes(CodedInputStream in) throws IOException {
        expect(in, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        return in.readByteArray();
    }

    /** Reads one length-delimited MetadataEntry and adds it to {@code into}. */
    static void readMetadataEntry(CodedInputStream in, Metadata.Builder into) throws IOException {
        String[] key = {""};
        byte[][] value = {new byte[0]};
        readMessage(in, (number, field) -> switch (number) {
            case 1 -> {
                key[0] = string(field);
                yield true;
            }
            case 2 -> {
                value[0] = bytes(field);
                yield true;
            }
            default -> false;
        });
        try {
            into.add(key[0], value[0]);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Reads one length-delimited ErrorDetail. */
    static ErrorDetail readErrorDetail(CodedInputStream in) throws IOException {
        String[] type = {""};
        byte[][] value = {new byte[0]};
        readMessage(in, (number, field) -> switch (number) {
            case 1 -> {
                type[0] = string(field);
                yield true;
            }
            case 2 -> {
                value[0] = bytes(field);
                yield true;
            }
            default -> false;
        });
        return new ErrorDetail(type[0], value[0]);
    }

    private static void readMessage(CodedInputStream in, FieldHandler handler) throws IOException {
        expect(in, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        int limit = in.pushLimit(in.readRawVarint32());
        readFields(in, handler);
        in.popLimit(limit);
    }

    private static void expect(CodedInputStream in, int wireType) throws IOException {
        int tag = in.getLastTag();
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new InvalidProtocolBufferException("field " + WireFormat.getTagFieldNumber(tag) + " has wire type "
                    + WireFormat.getTagWireType(tag) + ", expected " + wireType);
        }
    }
}
