package io.quicidl.codegen.java;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.EnumValue;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.EnumRef;
import io.quicidl.idl.model.TypeRef.MessageRef;
import io.quicidl.idl.model.TypeRef.ScalarRef;

/**
 * The code that sizes, writes and reads one value (a scalar, an enum or a message) in the
 * protobuf wire format, with {@code CodedOutputStream} and {@code CodedInputStream} as the only
 * primitives. Generated codecs name the encode target {@code out}, the decode source {@code in}
 * and the nesting depth {@code depth}.
 */
final class ValueCoding {

    static final ClassName OUTPUT = ClassName.get(CodedOutputStream.class);

    private final Schema schema;

    ValueCoding(Schema schema) {
        this.schema = schema;
    }

    static boolean isMessage(TypeRef type) {
        return type instanceof MessageRef;
    }

    /** Whether a list of this type is packed: varint, I32 and I64 values (SPEC.md §8). */
    static boolean isPackable(TypeRef type) {
        return type instanceof EnumRef
                || type instanceof ScalarRef s && Scalars.wireType(s.scalar()) != WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    static int wireType(TypeRef type) {
        if (type instanceof ScalarRef s) {
            return Scalars.wireType(s.scalar());
        }
        return type instanceof EnumRef ? WireFormat.WIRETYPE_VARINT : WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    /** The tag of field {@code number} with this type's wire type, as {@code readTag()} returns it. */
    static int tag(int number, int wireType) {
        return number << 3 | wireType;
    }

    /** The default of a singular value; {@code null} (absent) for messages. */
    CodeBlock defaultValue(TypeRef type) {
        if (type instanceof ScalarRef s) {
            return Scalars.defaultValue(s.scalar());
        } else if (type instanceof EnumRef e) {
            return CodeBlock.of("$T.$N", JavaTypes.value(e), zeroValue(e).javaName());
        }
        return CodeBlock.of("null");
    }

    /** The default a map entry uses for a missing key or value. */
    CodeBlock entryDefault(TypeRef type) {
        return type instanceof MessageRef m
                ? CodeBlock.of("$T.defaultInstance()", JavaTypes.value(m))
                : defaultValue(type);
    }

    EnumValue zeroValue(EnumRef ref) {
        EnumType type = (EnumType) schema.type(ref.fullName()).orElseThrow();
        return type.values().stream().filter(v -> v.number() == 0).findFirst().orElseThrow();
    }

    /** The number an enum value is written as. */
    private static CodeBlock raw(TypeRef type, CodeBlock value) {
        return type instanceof EnumRef ? CodeBlock.of("$L.number()", value) : value;
    }

    private static String coderName(TypeRef type) {
        return type instanceof ScalarRef s ? Scalars.coderName(s.scalar()) : "Enum";
    }

    /** Size of {@code value} with its tag, as an expression. */
    CodeBlock sizeWithTag(TypeRef type, int number, CodeBlock value) {
        if (type instanceof MessageRef m) {
            return CodeBlock.of(
                    "$T.computeTagSize($L) + lengthDelimitedSize($T.CODEC.encodedSize($L))",
                    OUTPUT,
                    number,
                    JavaTypes.value(m),
                    value);
        }
        return CodeBlock.of("$T.compute$LSize($L, $L)", OUTPUT, coderName(type), number, raw(type, value));
    }

    /** Size of {@code value} without a tag, as an expression; scalars and enums only. */
    CodeBlock sizeNoTag(TypeRef type, CodeBlock value) {
        return CodeBlock.of("$T.compute$LSizeNoTag($L)", OUTPUT, coderName(type), raw(type, value));
    }

    /** Writes {@code value} with its tag: one or more statements. */
    CodeBlock writeWithTag(TypeRef type, int number, CodeBlock value) {
        if (type instanceof MessageRef m) {
            return CodeBlock.builder()
                    .addStatement("out.writeTag($L, $T.WIRETYPE_LENGTH_DELIMITED)", number, WireFormat.class)
                    .addStatement("out.writeUInt32NoTag($T.CODEC.encodedSize($L))", JavaTypes.value(m), value)
                    .addStatement("$T.CODEC.encode($L, out)", JavaTypes.value(m), value)
                    .build();
        }
        return CodeBlock.of("out.write$L($L, $L);\n", coderName(type), number, raw(type, value));
    }

    /** Writes {@code value} without a tag (an element of a packed list). */
    CodeBlock writeNoTag(TypeRef type, CodeBlock value) {
        return CodeBlock.of("out.write$LNoTag($L);\n", coderName(type), raw(type, value));
    }

    /**
     * Reads one value from {@code in} into {@code target} (an assignment or a call such as
     * {@code list.add}), as statements; {@code target} holds one {@code $L} for the value.
     * Enums read as their raw number into {@code raw} first, so callers can keep numbers they
     * do not know: see {@link #readEnum}.
     */
    CodeBlock read(TypeRef type, String target) {
        if (type instanceof MessageRef m) {
            return CodeBlock.builder()
                    .addStatement("int limit = in.pushLimit(in.readRawVarint32())")
                    .addStatement(target, CodeBlock.of("$T.CODEC.decode(in, depth + 1)", JavaTypes.value(m)))
                    .addStatement("in.popLimit(limit)")
                    .build();
        }
        ScalarRef scalar = (ScalarRef) type;
        return CodeBlock.builder()
                .addStatement(target, CodeBlock.of("in.$L()", Scalars.readMethod(scalar.scalar())))
                .build();
    }

    /** Reads an enum's number into the local {@code raw} and its constant into {@code target}. */
    CodeBlock readEnum(EnumRef type, String target) {
        return CodeBlock.builder()
                .addStatement("int raw = in.readEnum()")
                .addStatement(target, CodeBlock.of("$T.fromNumber(raw)", JavaTypes.value(type)))
                .build();
    }
}
