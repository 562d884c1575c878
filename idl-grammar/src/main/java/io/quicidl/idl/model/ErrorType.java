package io.quicidl.idl.model;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;

/** A typed error: fields like a message; rpcs name it in {@code throws}. */
public record ErrorType(
        String name,
        String fullName,
        JavaName javaName,
        String doc,
        SourceLocation location,
        List<Field> fields,
        List<ReservedRange> reservedNumbers,
        List<String> reservedNames)
        implements NamedType {

    public ErrorType {
        fields = List.copyOf(fields);
        reservedNumbers = List.copyOf(reservedNumbers);
        reservedNames = List.copyOf(reservedNames);
    }
}
