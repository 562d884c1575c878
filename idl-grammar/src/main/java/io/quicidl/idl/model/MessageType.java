package io.quicidl.idl.model;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;

/** A message: fields in declaration order, and the messages and enums nested in it. */
public record MessageType(
        String name,
        String fullName,
        JavaName javaName,
        String doc,
        SourceLocation location,
        List<Field> fields,
        List<ReservedRange> reservedNumbers,
        List<String> reservedNames,
        List<NamedType> nestedTypes)
        implements NamedType {

    public MessageType {
        fields = List.copyOf(fields);
        reservedNumbers = List.copyOf(reservedNumbers);
        reservedNames = List.copyOf(reservedNames);
        nestedTypes = List.copyOf(nestedTypes);
    }
}
