package io.quicidl.idl.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The built-in value types, named as in the schema; they map onto protobuf's scalars. */
public enum ScalarType {
    BOOL("bool"),
    INT32("int32"),
    INT64("int64"),
    UINT32("uint32"),
    UINT64("uint64"),
    SINT32("sint32"),
    SINT64("sint64"),
    FIXED32("fixed32"),
    FIXED64("fixed64"),
    FLOAT32("float32"),
    FLOAT64("float64"),
    STRING("string"),
    BYTES("bytes");

    private static final Map<String, ScalarType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ScalarType::schemaName, Function.identity()));

    private final String schemaName;

    ScalarType(String schemaName) {
        this.schemaName = schemaName;
    }

    /** The keyword used in schemas, e.g. {@code float64}. */
    public String schemaName() {
        return schemaName;
    }

    /** Whether this type may be a map key: the integral types, {@code string} and {@code bool}. */
    public boolean isValidMapKey() {
        return this != FLOAT32 && this != FLOAT64 && this != BYTES;
    }

    public static Optional<ScalarType> bySchemaName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
