package io.quicidl.runtime.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import io.netty.buffer.Unpooled;
import io.quicidl.runtime.StatusCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a frame as annotated hex for SPEC.md §11: each field's bytes on their own line(s), with a
 * {@code #} comment saying what they are. Reads the bytes with a protobuf schema of the payload, so
 * the comments describe what is really there.
 */
final class FrameAnnotator {
    private static final int BYTES_PER_LINE = 8;
    private static final int COMMENT_COLUMN = 26;

    private final List<String> lines = new ArrayList<>();
    private final byte[] bytes;

    private FrameAnnotator(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param frame one whole frame
     * @param payloadSchema the schema of its payload, or {@code null} for an empty one
     */
    static String annotate(byte[] frame, Descriptor payloadSchema) {
        FrameAnnotator annotator = new FrameAnnotator(frame);
        var buf = Unpooled.wrappedBuffer(frame);
        long type = QuicVarint.read(buf);
        int typeEnd = buf.readerIndex();
        long length = QuicVarint.read(buf);
        int payloadStart = buf.readerIndex();
        buf.release();
        FrameType frameType = FrameType.of(type);
        annotator.emit(0, typeEnd, 0, "type 0x" + String.format("%02x", type) + " " + frameType);
        annotator.emit(
                typeEnd,
                payloadStart,
                0,
                "length " + length
                        + (payloadSchema == null || length == 0 ? "" : ", payload: " + payloadSchema.getName()));
        if (length > 0) {
            annotator.fields(payloadStart, frame.length, payloadSchema, 0);
        }
        return String.join("\n", annotator.lines);
    }

    /**
     * A {@code @realtime(delivery = datagram)} QUIC DATAGRAM payload (SPEC.md §5.9): three varints,
     * then the message.
     */
    static String annotateDatagram(byte[] datagram, Descriptor messageSchema) {
        FrameAnnotator annotator = new FrameAnnotator(datagram);
        var buf = Unpooled.wrappedBuffer(datagram);
        String[] names = {"call_id", "sequence", "sent_micros"};
        for (String name : names) {
            int start = buf.readerIndex();
            long value = QuicVarint.read(buf);
            annotator.emit(start, buf.readerIndex(), 0, name + " = " + value);
        }
        int messageStart = buf.readerIndex();
        buf.release();
        // The message fields follow; their lines say what they are.
        annotator.fields(messageStart, datagram.length, messageSchema, 0);
        return String.join("\n", annotator.lines);
    }

    private void fields(int start, int end, Descriptor schema, int depth) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes, start, end - start);
            while (!in.isAtEnd()) {
                int fieldStart = start + in.getTotalBytesRead();
                int tag = in.readTag();
                FieldDescriptor field = schema.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
                String name = "field " + field.getNumber() + " " + field.getName();
                switch (WireFormat.getTagWireType(tag)) {
                    case WireFormat.WIRETYPE_VARINT -> {
                        long value = in.readUInt64();
                        emit(
                                fieldStart,
                                start + in.getTotalBytesRead(),
                                depth,
                                name + " = " + describe(schema, field, value));
                    }
                    case WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                        int length = in.readRawVarint32();
                        int valueStart = start + in.getTotalBytesRead();
                        int valueEnd = valueStart + length;
                        in.skipRawBytes(length);
                        if (field.getType() == FieldDescriptor.Type.MESSAGE) {
                            emit(
                                    fieldStart,
                                    valueStart,
                                    depth,
                                    name + ": " + field.getMessageType().getName() + ", " + length + " bytes");
                            fields(valueStart, valueEnd, field.getMessageType(), depth + 1);
                        } else {
                            byte[] value = Arrays.copyOfRange(bytes, valueStart, valueEnd);
                            String text = field.getType() == FieldDescriptor.Type.STRING
                                    ? quote(new String(value, StandardCharsets.UTF_8))
                                    : printable(value)
                                            ? "bytes " + quote(new String(value, StandardCharsets.US_ASCII))
                                            : "bytes " + Hex.of(value);
                            emit(
                                    fieldStart,
                                    valueEnd,
                                    depth,
                                    name + " = " + text + " (" + length + (length == 1 ? " byte)" : " bytes)"));
                        }
                    }
                    default ->
                        throw new IllegalStateException("example uses wire type " + WireFormat.getTagWireType(tag));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Descriptor schema, FieldDescriptor field, long value) {
        String message = schema.getName();
        if (field.getType() == FieldDescriptor.Type.BOOL) {
            return value != 0 ? "true" : "false";
        }
        if ((message.equals("Status") && field.getName().equals("code"))
                || field.getName().equals("status_code")) {
            return value + " " + StatusCode.of(value);
        }
        if (field.getName().equals("code")) {
            return value + " " + ErrorCode.of(value);
        }
        return Long.toUnsignedString(value);
    }

    private static boolean printable(byte[] value) {
        for (byte b : value) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Writes bytes [from, to) as hex lines, the first one carrying the comment. */
    private void emit(int from, int to, int depth, String comment) {
        String indent = "  ".repeat(depth);
        for (int at = from; at < to || at == from; at += BYTES_PER_LINE) {
            String hex = Hex.of(Arrays.copyOfRange(bytes, at, Math.min(to, at + BYTES_PER_LINE)));
            if (at == from) {
                lines.add(String.format("%-" + COMMENT_COLUMN + "s# %s%s", hex, indent, comment));
            } else {
                lines.add(hex);
            }
            if (to == from) {
                break;
            }
        }
    }
}
