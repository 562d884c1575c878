package io.quicidl.cli;

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
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.EnumValue;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.model.TypeRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A linked quicidl schema as protobuf descriptors, so that protobuf's {@code DynamicMessage}
 * encodes and decodes its messages and {@code JsonFormat} maps them to JSON. The mapping is the
 * one of SPEC.md §8: quicidl's wire format is protobuf's, with proto3 semantics ({@code optional}
 * is proto3's explicit presence, {@code list} a repeated field, packed for numbers, {@code map}
 * a map field); declared errors are messages of their fields.
 */
final class ProtoDescriptors {
    private final Map<String, Descriptor> messages = new HashMap<>();

    private ProtoDescriptors(Schema schema) throws DescriptorValidationException {
        Map<String, FileDescriptor> built = new HashMap<>();
        for (SchemaFile file : schema.files()) {
            build(schema, file, built);
        }
    }

    static ProtoDescriptors of(Schema schema) {
        try {
            return new ProtoDescriptors(schema);
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the schema has no protobuf equivalent: " + e.getMessage(), e);
        }
    }

    /** The descriptor of a message or error type, by its schema full name. */
    Optional<Descriptor> message(String fullName) {
        return Optional.ofNullable(messages.get(fullName));
    }

    private FileDescriptor build(Schema schema, SchemaFile file, Map<String, FileDescriptor> built)
            throws DescriptorValidationException {
        FileDescriptor done = built.get(file.path());
        if (done != null) {
            return done;
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        FileDescriptorProto.Builder proto = FileDescriptorProto.newBuilder()
                .setName(file.path())
                .setPackage(file.packageName())
                .setSyntax("proto3");
        for (String imported : file.imports()) {
            dependencies.add(build(schema, schema.file(imported).orElseThrow(), built));
            proto.addDependency(imported);
        }
        for (NamedType type : file.types()) {
            if (type instanceof EnumType e) {
                proto.addEnumType(enumType(e));
            } else {
                proto.addMessageType(messageType(type));
            }
        }
        FileDescriptor descriptor =
                FileDescriptor.buildFrom(proto.build(), dependencies.toArray(FileDescriptor[]::new));
        descriptor.getMessageTypes().forEach(this::index);
        built.put(file.path(), descriptor);
        return descriptor;
    }

    private void index(Descriptor descriptor) {
        messages.put(descriptor.getFullName(), descriptor);
        descriptor.getNestedTypes().forEach(this::index);
    }

    private static DescriptorProto messageType(NamedType type) {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(type.name());
        List<Field> fields = type instanceof ErrorType error ? error.fields() : ((MessageType) type).fields();
        if (type instanceof MessageType m) {
            for (NamedType nested : m.nestedTypes()) {
                if (nested instanceof EnumType e) {
                    message.addEnumType(enumType(e));
                } else {
                    message.addNestedType(messageType(nested));
                }
            }
        }
        for (Field field : fields) {
            FieldDescriptorProto.Builder proto = FieldDescriptorProto.newBuilder()
                    .setName(field.name())
                    .setNumber(field.number())
                    .setLabel(Label.LABEL_OPTIONAL);
            TypeRef fieldType = field.type();
            if (fieldType instanceof TypeRef.OptionalRef optional) {
                element(proto, optional.element());
                // proto3 `optional`: presence through a synthetic oneof of its own.
                proto.setProto3Optional(true).setOneofIndex(message.getOneofDeclCount());
                message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + field.name()));
            } else if (fieldType instanceof TypeRef.ListRef list) {
                element(proto, list.element()).setLabel(Label.LABEL_REPEATED);
            } else if (fieldType instanceof TypeRef.MapRef map) {
                String entry = camel(field.name()) + "Entry";
                message.addNestedType(DescriptorProto.newBuilder()
                        .setName(entry)
                        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                        .addField(element(FieldDescriptorProto.newBuilder(), map.key())
                                .setName("key")
                                .setNumber(1)
                                .setLabel(Label.LABEL_OPTIONAL))
                        .addField(element(FieldDescriptorProto.newBuilder(), map.value())
                                .setName("value")
                                .setNumber(2)
                                .setLabel(Label.LABEL_OPTIONAL)));
                proto.setLabel(Label.LABEL_REPEATED)
                        .setType(Type.TYPE_MESSAGE)
                        .setTypeName("." + type.fullName() + "." + entry);
            } else {
                element(proto, fieldType);
            }
            message.addField(proto);
        }
        return message.build();
    }

    private static FieldDescriptorProto.Builder element(FieldDescriptorProto.Builder proto, TypeRef type) {
        if (type instanceof TypeRef.ScalarRef scalar) {
            return proto.setType(scalar(scalar));
        } else if (type instanceof TypeRef.MessageRef message) {
            return proto.setType(Type.TYPE_MESSAGE).setTypeName("." + message.fullName());
        } else if (type instanceof TypeRef.EnumRef enumRef) {
            return proto.setType(Type.TYPE_ENUM).setTypeName("." + enumRef.fullName());
        }
        throw new IllegalStateException("a container inside a container: " + type.schemaText());
    }

    private static Type scalar(TypeRef.ScalarRef scalar) {
        return switch (scalar.scalar()) {
            case BOOL -> Type.TYPE_BOOL;
            case INT32 -> Type.TYPE_INT32;
            case INT64 -> Type.TYPE_INT64;
            case UINT32 -> Type.TYPE_UINT32;
            case UINT64 -> Type.TYPE_UINT64;
            case SINT32 -> Type.TYPE_SINT32;
            case SINT64 -> Type.TYPE_SINT64;
            case FIXED32 -> Type.TYPE_FIXED32;
            case FIXED64 -> Type.TYPE_FIXED64;
            case FLOAT32 -> Type.TYPE_FLOAT;
            case FLOAT64 -> Type.TYPE_DOUBLE;
            case STRING -> Type.TYPE_STRING;
            case BYTES -> Type.TYPE_BYTES;
        };
    }

    private static EnumDescriptorProto enumType(EnumType type) {
        EnumDescriptorProto.Builder proto = EnumDescriptorProto.newBuilder().setName(type.name());
        // proto3 wants the zero value first; quicidl only wants one to exist.
        type.values().stream()
                .sorted(Comparator.comparing((EnumValue v) -> v.number() != 0))
                .forEach(v -> proto.addValue(
                        EnumValueDescriptorProto.newBuilder().setName(v.name()).setNumber(v.number())));
        return proto.build();
    }

    /** protoc's map entry naming: {@code block_sizes} becomes {@code BlockSizes}. */
    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
