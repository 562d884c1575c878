package io.quicidl.codegen.java;

import com.google.protobuf.ByteString;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.quicidl.idl.model.JavaName;
import io.quicidl.idl.model.ScalarType;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.EnumRef;
import io.quicidl.idl.model.TypeRef.ListRef;
import io.quicidl.idl.model.TypeRef.MapRef;
import io.quicidl.idl.model.TypeRef.MessageRef;
import io.quicidl.idl.model.TypeRef.OptionalRef;
import io.quicidl.idl.model.TypeRef.ScalarRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How schema types appear in generated Java. */
final class JavaTypes {

    static final ClassName BYTE_STRING = ClassName.get(ByteString.class);

    private JavaTypes() {}

    /** The class of a schema type or service, e.g. {@code com.acme.chat.Everything.Inner}. */
    static ClassName className(JavaName name) {
        List<String> names = name.simpleNames();
        return ClassName.get(
                name.packageName(), names.get(0), names.subList(1, names.size()).toArray(String[]::new));
    }

    /** A scalar's Java type: primitives for numbers and bool, {@code String}, {@code ByteString}. */
    static TypeName scalar(ScalarType scalar) {
        return switch (scalar) {
            case BOOL -> TypeName.BOOLEAN;
            case INT32, UINT32, SINT32, FIXED32 -> TypeName.INT;
            case INT64, UINT64, SINT64, FIXED64 -> TypeName.LONG;
            case FLOAT32 -> TypeName.FLOAT;
            case FLOAT64 -> TypeName.DOUBLE;
            case STRING -> ClassName.get(String.class);
            case BYTES -> BYTE_STRING;
        };
    }

    /** The type of one value: a scalar, an enum or a message (never a container). */
    static TypeName value(TypeRef type) {
        if (type instanceof ScalarRef s) {
            return scalar(s.scalar());
        } else if (type instanceof EnumRef e) {
            return className(e.javaName());
        } else if (type instanceof MessageRef m) {
            return className(m.javaName());
        }
        throw new IllegalArgumentException("not a single value: " + type.schemaText());
    }

    /** What a field's accessor returns: the value, or {@code Optional}, {@code List}, {@code Map} of it. */
    static TypeName accessor(TypeRef type) {
        if (type instanceof OptionalRef o) {
            return ParameterizedTypeName.get(
                    ClassName.get(Optional.class), value(o.element()).box());
        } else if (type instanceof ListRef l) {
            return ParameterizedTypeName.get(
                    ClassName.get(List.class), value(l.element()).box());
        } else if (type instanceof MapRef m) {
            return ParameterizedTypeName.get(
                    ClassName.get(Map.class),
                    value(m.key()).box(),
                    value(m.value()).box());
        }
        return value(type);
    }

    /**
     * How a field is held inside a message: like its accessor, except that {@code optional}
     * fields and message fields are nullable (absent), which lets recursive messages exist.
     */
    static TypeName storage(TypeRef type) {
        if (type instanceof OptionalRef o) {
            return value(o.element()).box();
        }
        return accessor(type);
    }
}
