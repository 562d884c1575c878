package io.quicidl.runtime;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Collects, while a generated codec decodes one message, the fields its schema does not know
 * (and enum numbers it does not recognize), so that encoding the message writes them back.
 * Generated code calls the static methods with {@code null} until the first unknown field: a
 * message without any allocates nothing. Not thread-safe; one per decode.
 *
 * <p>For generated code: it lives here, not in each message, so that a schema's generated
 * sources stay small.
 */
public final class UnknownFields {
    private final ByteString.Output bytes = ByteString.newOutput();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    private UnknownFields() {}

    /**
     * Copies the field whose tag {@code in} has just read. Groups (wire types 3 and 4, which
     * neither proto3 nor SPEC.md use) are skipped; the input rejects other wire types.
     *
     * @param fields the collector so far, or {@code null} before the first unknown field
     * @param in the input, positioned after the tag
     * @param tag the field's tag
     * @return the collector holding the field
     * @throws IOException when the field is not a valid encoding
     */
    public static UnknownFields keep(UnknownFields fields, CodedInputStream in, int tag) throws IOException {
        int number = WireFormat.getTagFieldNumber(tag);
        int wireType = WireFormat.getTagWireType(tag);
        if (wireType != WireFormat.WIRETYPE_VARINT
                && wireType != WireFormat.WIRETYPE_FIXED64
                && wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED
                && wireType != WireFormat.WIRETYPE_FIXED32) {
            if (!in.skipField(tag)) {
                throw new InvalidProtocolBufferException("unexpected end-group tag");
            }
            return fields;
        }
        UnknownFields kept = orNew(fields);
        switch (wireType) {
            case WireFormat.WIRETYPE_VARINT -> kept.out.writeUInt64(number, in.readRawVarint64());
            case WireFormat.WIRETYPE_FIXED64 -> kept.out.writeFixed64(number, in.readRawLittleEndian64());
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> kept.out.writeBytes(number, in.readBytes());
            default -> kept.out.writeFixed32(number, in.readRawLittleEndian32());
        }
        return kept;
    }

    /**
     * Keeps an enum field's number that the schema's enum does not recognize.
     *
     * @param fields the collector so far, or {@code null}
     * @param number the field's number
     * @param value the unrecognized enum number
     * @return the collector holding the field
     * @throws IOException never in practice: the collector writes to memory
     */
    public static UnknownFields keepEnum(UnknownFields fields, int number, int value) throws IOException {
        UnknownFields kept = orNew(fields);
        kept.out.writeEnum(number, value);
        return kept;
    }

    /**
     * Keeps a length-delimited field as it was received (a map entry whose enum value is unrecognized).
     *
     * @param fields the collector so far, or {@code null}
     * @param number the field's number
     * @param value the field's bytes
     * @return the collector holding the field
     * @throws IOException never in practice: the collector writes to memory
     */
    public static UnknownFields keepBytes(UnknownFields fields, int number, ByteString value) throws IOException {
        UnknownFields kept = orNew(fields);
        kept.out.writeBytes(number, value);
        return kept;
    }

    /**
     * The kept fields in the protobuf binary wire format, in the order they came.
     *
     * @param fields the collector, or {@code null} when nothing was kept
     * @return the bytes, {@link ByteString#EMPTY} when none
     * @throws IOException never in practice: the collector writes to memory
     */
    public static ByteString toByteString(UnknownFields fields) throws IOException {
        if (fields == null) {
            return ByteString.EMPTY;
        }
        fields.out.flush();
        return fields.bytes.toByteString();
    }

    private static UnknownFields orNew(UnknownFields fields) {
        return fields != null ? fields : new UnknownFields();
    }
}
