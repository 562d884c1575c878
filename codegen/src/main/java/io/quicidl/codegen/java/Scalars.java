package io.quicidl.codegen.java;

import com.google.protobuf.WireFormat;
import com.palantir.javapoet.CodeBlock;
import io.quicidl.idl.model.ScalarType;

/**
 * The protobuf wire form of each scalar (SPEC.md §8): its wire type and the name that
 * {@code CodedOutputStream.write*}, {@code compute*Size} and {@code CodedInputStream.read*}
 * share.
 */
final class Scalars {

    private Scalars() {}

    /** {@code Int32} in {@code writeInt32}, {@code computeInt32Size}, {@code readInt32}. */
    static String coderName(ScalarType scalar) {
        return switch (scalar) {
            case BOOL -> "Bool";
            case INT32 -> "Int32";
            case INT64 -> "Int64";
            case UINT32 -> "UInt32";
            case UINT64 -> "UInt64";
            case SINT32 -> "SInt32";
            case SINT64 -> "SInt64";
            case FIXED32 -> "Fixed32";
            case FIXED64 -> "Fixed64";
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case STRING -> "String";
            case BYTES -> "Bytes";
        };
    }

    /** The reader; strings must be valid UTF-8, as protobuf requires. */
    static String readMethod(ScalarType scalar) {
        return scalar == ScalarType.STRING ? "readStringRequireUtf8" : "read" + coderName(scalar);
    }

    static int wireType(ScalarType scalar) {
        return switch (scalar) {
            case FIXED32, FLOAT32 -> WireFormat.WIRETYPE_FIXED32;
            case FIXED64, FLOAT64 -> WireFormat.WIRETYPE_FIXED64;
            case STRING, BYTES -> WireFormat.WIRETYPE_LENGTH_DELIMITED;
            default -> WireFormat.WIRETYPE_VARINT;
        };
    }

    /** Fixed-size scalars: their encoded size without a tag; 0 for varints and lengths. */
    static int fixedSize(ScalarType scalar) {
        return switch (scalar) {
            case FIXED32, FLOAT32 -> 4;
            case FIXED64, FLOAT64 -> 8;
            default -> 0;
        };
    }

    /** The scalar's default value, e.g. {@code 0L}, {@code ""}, {@code ByteString.EMPTY}. */
    static CodeBlock defaultValue(ScalarType scalar) {
        return switch (scalar) {
            case BOOL -> CodeBlock.of("false");
            case INT32, UINT32, SINT32, FIXED32 -> CodeBlock.of("0");
            case INT64, UINT64, SINT64, FIXED64 -> CodeBlock.of("0L");
            case FLOAT32 -> CodeBlock.of("0f");
            case FLOAT64 -> CodeBlock.of("0d");
            case STRING -> CodeBlock.of("\"\"");
            case BYTES -> CodeBlock.of("$T.EMPTY", JavaTypes.BYTE_STRING);
        };
    }

    /** The condition that {@code value} differs from the default, so that it is written. */
    static CodeBlock nonDefault(ScalarType scalar, CodeBlock value) {
        return switch (scalar) {
            case BOOL -> value;
            case FLOAT32 -> CodeBlock.of("$T.floatToRawIntBits($L) != 0", Float.class, value);
            case FLOAT64 -> CodeBlock.of("$T.doubleToRawLongBits($L) != 0", Double.class, value);
            case STRING, BYTES -> CodeBlock.of("!$L.isEmpty()", value);
            default -> CodeBlock.of("$L != 0", value);
        };
    }
}
