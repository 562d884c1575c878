package io.quicidl.runtime.wire;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * The frame payloads of SPEC.md §3 as a proto3 schema, for protobuf's own encoder and parser
 * ({@link DynamicMessage}): an independent implementation to check ours against.
 */
final class ReferenceSchema {
    static final Descriptor METADATA_ENTRY;
    static final Descriptor ERROR_DETAIL;
    static final Descriptor CALL;
    static final Descriptor STATUS;
    static final Descriptor RESPONSE_HEADER;
    static final Descriptor HEADERS;
    static final Descriptor SETTINGS;
    static final Descriptor GOAWAY;
    static final Descriptor STREAM_STOPPED;
    static final Descriptor PING;
    static final Descriptors.FileDescriptor FILE;

    static {
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("quicidl_wire_v1.proto")
                .setPackage("quicidl.wire.v1")
                .setSyntax("proto3")
                .addMessageType(
                        message("MetadataEntry", field(1, "key", Type.TYPE_STRING), field(2, "value", Type.TYPE_BYTES)))
                .addMessageType(
                        message("ErrorDetail", field(1, "type", Type.TYPE_STRING), field(2, "value", Type.TYPE_BYTES)))
                .addMessageType(message(
                        "Call",
                        field(1, "method", Type.TYPE_STRING),
                        field(2, "timeout_micros", Type.TYPE_UINT64),
                        repeatedEntries(3, "metadata"),
                        field(4, "realtime_call_id", Type.TYPE_UINT64),
                        field(5, "realtime_sequence", Type.TYPE_UINT64),
                        field(6, "realtime_end", Type.TYPE_BOOL)))
                .addMessageType(message(
                        "Status",
                        field(1, "code", Type.TYPE_UINT32),
                        field(2, "message", Type.TYPE_STRING),
                        field(3, "error", Type.TYPE_MESSAGE).toBuilder()
                                .setTypeName(".quicidl.wire.v1.ErrorDetail")
                                .build(),
                        repeatedEntries(4, "trailers"),
                        field(5, "response_count", Type.TYPE_UINT64)))
                .addMessageType(message(
                        "ResponseHeader",
                        field(1, "call_stream_id", Type.TYPE_UINT64),
                        field(2, "index", Type.TYPE_UINT64)))
                .addMessageType(message("Headers", repeatedEntries(1, "metadata")))
                .addMessageType(message(
                        "Settings",
                        field(1, "max_message_bytes", Type.TYPE_UINT64),
                        field(2, "max_metadata_bytes", Type.TYPE_UINT64)))
                .addMessageType(message(
                        "GoAway",
                        field(1, "bidi_limit", Type.TYPE_UINT64),
                        field(2, "uni_limit", Type.TYPE_UINT64),
                        field(3, "code", Type.TYPE_UINT32),
                        field(4, "reason", Type.TYPE_STRING)))
                .addMessageType(message(
                        "StreamStopped",
                        field(1, "stream_id", Type.TYPE_UINT64),
                        field(2, "code", Type.TYPE_UINT32),
                        field(3, "status_code", Type.TYPE_UINT32),
                        field(4, "status_message", Type.TYPE_STRING)))
                .addMessageType(message("Ping", field(1, "opaque", Type.TYPE_UINT64)))
                .addMessageType(message("Drained"))
                .build();
        try {
            Descriptors.FileDescriptor fd =
                    Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
            FILE = fd;
            METADATA_ENTRY = fd.findMessageTypeByName("MetadataEntry");
            ERROR_DETAIL = fd.findMessageTypeByName("ErrorDetail");
            CALL = fd.findMessageTypeByName("Call");
            STATUS = fd.findMessageTypeByName("Status");
            RESPONSE_HEADER = fd.findMessageTypeByName("ResponseHeader");
            HEADERS = fd.findMessageTypeByName("Headers");
            SETTINGS = fd.findMessageTypeByName("Settings");
            GOAWAY = fd.findMessageTypeByName("GoAway");
            STREAM_STOPPED = fd.findMessageTypeByName("StreamStopped");
            PING = fd.findMessageTypeByName("Ping");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ReferenceSchema() {}

    /** The schema as {@code .proto} source text, as SPEC.md §3 shows it. */
    static String protoSource() {
        StringBuilder out = new StringBuilder();
        out.append("syntax = \"proto3\";\n");
        out.append("package ").append(FILE.getPackage()).append(";\n");
        for (Descriptor message : FILE.getMessageTypes()) {
            out.append("\nmessage ").append(message.getName()).append(" {");
            if (message.getFields().isEmpty()) {
                out.append("}\n");
                continue;
            }
            out.append("\n");
            for (Descriptors.FieldDescriptor field : message.getFields()) {
                String type = field.getType() == Descriptors.FieldDescriptor.Type.MESSAGE
                        ? field.getMessageType().getName()
                        : field.getType().name().toLowerCase(java.util.Locale.ROOT);
                out.append("  ")
                        .append(field.isRepeated() ? "repeated " : "")
                        .append(type)
                        .append(' ')
                        .append(field.getName())
                        .append(" = ")
                        .append(field.getNumber())
                        .append(";\n");
            }
            out.append("}\n");
        }
        return out.toString();
    }

    /** Parses {@code bytes} with protobuf itself. */
    static DynamicMessage parse(Descriptor type, byte[] bytes) throws InvalidProtocolBufferException {
        return DynamicMessage.parseFrom(type, bytes);
    }

    private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
        DescriptorProto.Builder builder = DescriptorProto.newBuilder().setName(name);
        for (FieldDescriptorProto field : fields) {
            builder.addField(field);
        }
        return builder.build();
    }

    private static FieldDescriptorProto field(int number, String name, Type type) {
        return FieldDescriptorProto.newBuilder()
                .setNumber(number)
                .setName(name)
                .setType(type)
                .setLabel(Label.LABEL_OPTIONAL)
                .build();
    }

    private static FieldDescriptorProto repeatedEntries(int number, String name) {
        return FieldDescriptorProto.newBuilder()
                .setNumber(number)
                .setName(name)
                .setType(Type.TYPE_MESSAGE)
                .setLabel(Label.LABEL_REPEATED)
                .setTypeName(".quicidl.wire.v1.MetadataEntry")
                .build();
    }
}
