package io.quicidl.codegen.codec;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * The protobuf descriptor of {@code golden/types/input/types.quic}'s {@code Everything}, built by
 * hand as protoc would from the equivalent proto3 file, so that protobuf-java's
 * {@code DynamicMessage} can encode the same message for byte-for-byte comparison.
 */
final class EverythingDescriptor {

    private EverythingDescriptor() {}

    static Descriptor everything() {
        DescriptorProto.Builder m = DescriptorProto.newBuilder().setName("Everything");
        scalar(m, "a_bool", 1, Type.TYPE_BOOL);
        scalar(m, "an_int32", 2, Type.TYPE_INT32);
        scalar(m, "an_int64", 3, Type.TYPE_INT64);
        scalar(m, "a_uint32", 4, Type.TYPE_UINT32);
        scalar(m, "a_uint64", 5, Type.TYPE_UINT64);
        scalar(m, "a_sint32", 6, Type.TYPE_SINT32);
        scalar(m, "a_sint64", 7, Type.TYPE_SINT64);
        scalar(m, "a_fixed32", 8, Type.TYPE_FIXED32);
        scalar(m, "a_fixed64", 9, Type.TYPE_FIXED64);
        scalar(m, "a_float32", 10, Type.TYPE_FLOAT);
        scalar(m, "a_float64", 11, Type.TYPE_DOUBLE);
        scalar(m, "a_string", 12, Type.TYPE_STRING);
        scalar(m, "a_bytes", 13, Type.TYPE_BYTES);
        named(m, "color", 14, Type.TYPE_ENUM, ".example.types.Color", Label.LABEL_OPTIONAL);
        named(m, "inner", 15, Type.TYPE_MESSAGE, ".example.types.Everything.Inner", Label.LABEL_OPTIONAL);

        optional(m, "maybe_int32", 20, Type.TYPE_INT32, null);
        optional(m, "maybe_string", 21, Type.TYPE_STRING, null);
        optional(m, "maybe_bytes", 22, Type.TYPE_BYTES, null);
        optional(m, "maybe_color", 23, Type.TYPE_ENUM, ".example.types.Color");
        optional(m, "maybe_inner", 24, Type.TYPE_MESSAGE, ".example.types.Everything.Inner");
        optional(m, "maybe_float64", 25, Type.TYPE_DOUBLE, null);

        repeated(m, "int32s", 30, Type.TYPE_INT32, null);
        repeated(m, "sint64s", 31, Type.TYPE_SINT64, null);
        repeated(m, "fixed32s", 32, Type.TYPE_FIXED32, null);
        repeated(m, "float64s", 33, Type.TYPE_DOUBLE, null);
        repeated(m, "bools", 34, Type.TYPE_BOOL, null);
        repeated(m, "strings", 35, Type.TYPE_STRING, null);
        repeated(m, "byte_strings", 36, Type.TYPE_BYTES, null);
        repeated(m, "colors", 37, Type.TYPE_ENUM, ".example.types.Color");
        repeated(m, "inners", 38, Type.TYPE_MESSAGE, ".example.types.Everything.Inner");

        map(m, "counts", 40, "CountsEntry", Type.TYPE_STRING, Type.TYPE_INT64, null);
        map(m, "names", 41, "NamesEntry", Type.TYPE_INT32, Type.TYPE_STRING, null);
        map(m, "flags", 42, "FlagsEntry", Type.TYPE_BOOL, Type.TYPE_BYTES, null);
        map(
                m,
                "inner_by_id",
                43,
                "InnerByIdEntry",
                Type.TYPE_UINT64,
                Type.TYPE_MESSAGE,
                ".example.types.Everything.Inner");
        map(m, "color_by_name", 44, "ColorByNameEntry", Type.TYPE_STRING, Type.TYPE_ENUM, ".example.types.Color");
        map(m, "weights", 45, "WeightsEntry", Type.TYPE_SINT32, Type.TYPE_FLOAT, null);

        DescriptorProto.Builder inner = DescriptorProto.newBuilder().setName("Inner");
        named(inner, "kind", 1, Type.TYPE_ENUM, ".example.types.Everything.Inner.Kind", Label.LABEL_OPTIONAL);
        scalar(inner, "label", 2, Type.TYPE_STRING);
        inner.addEnumType(enumType("Kind", "KIND_UNSPECIFIED", 0, "KIND_A", 1, "KIND_B", -2));
        m.addNestedType(inner);

        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("types.proto")
                .setPackage("example.types")
                .setSyntax("proto3")
                .addMessageType(m)
                .addEnumType(enumType("Color", "COLOR_UNSPECIFIED", 0, "RED", 1, "GREEN", 2, "BLUE", 3))
                .build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Everything");
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void scalar(DescriptorProto.Builder m, String name, int number, Type type) {
        m.addField(FieldDescriptorProto.newBuilder()
                .setName(name)
                .setNumber(number)
                .setType(type)
                .setLabel(Label.LABEL_OPTIONAL));
    }

    private static void named(
            DescriptorProto.Builder m, String name, int number, Type type, String typeName, Label label) {
        m.addField(FieldDescriptorProto.newBuilder()
                .setName(name)
                .setNumber(number)
                .setType(type)
                .setTypeName(typeName)
                .setLabel(label));
    }

    private static void optional(DescriptorProto.Builder m, String name, int number, Type type, String typeName) {
        int oneof = m.getOneofDeclCount();
        m.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + name));
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
                .setName(name)
                .setNumber(number)
                .setType(type)
                .setLabel(Label.LABEL_OPTIONAL)
                .setProto3Optional(true)
                .setOneofIndex(oneof);
        if (typeName != null) {
            field.setTypeName(typeName);
        }
        m.addField(field);
    }

    private static void repeated(DescriptorProto.Builder m, String name, int number, Type type, String typeName) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
                .setName(name)
                .setNumber(number)
                .setType(type)
                .setLabel(Label.LABEL_REPEATED);
        if (typeName != null) {
            field.setTypeName(typeName);
        }
        m.addField(field);
    }

    private static void map(
            DescriptorProto.Builder m,
            String name,
            int number,
            String entryName,
            Type key,
            Type value,
            String valueTypeName) {
        DescriptorProto.Builder entry = DescriptorProto.newBuilder()
                .setName(entryName)
                .setOptions(MessageOptions.newBuilder().setMapEntry(true));
        scalar(entry, "key", 1, key);
        FieldDescriptorProto.Builder valueField = FieldDescriptorProto.newBuilder()
                .setName("value")
                .setNumber(2)
                .setType(value)
                .setLabel(Label.LABEL_OPTIONAL);
        if (valueTypeName != null) {
            valueField.setTypeName(valueTypeName);
        }
        entry.addField(valueField);
        m.addNestedType(entry);
        named(m, name, number, Type.TYPE_MESSAGE, ".example.types.Everything." + entryName, Label.LABEL_REPEATED);
    }

    private static EnumDescriptorProto enumType(String name, Object... namesAndNumbers) {
        EnumDescriptorProto.Builder e = EnumDescriptorProto.newBuilder().setName(name);
        for (int i = 0; i < namesAndNumbers.length; i += 2) {
            e.addValue(EnumValueDescriptorProto.newBuilder()
                    .setName((String) namesAndNumbers[i])
                    .setNumber((Integer) namesAndNumbers[i + 1]));
        }
        return e.build();
    }
}
