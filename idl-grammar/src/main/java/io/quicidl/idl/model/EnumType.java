package io.quicidl.idl.model;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;

/** An enum; one of its values is numbered 0 (the default). */
public record EnumType(
        String name,
        String fullName,
        JavaName javaName,
        String doc,
        SourceLocation location,
        List<EnumValue> values,
        List<ReservedRange> reservedNumbers,
        List<String> reservedNames)
        implements NamedType {

    public EnumType {
        values = List.copyOf(values);
        reservedNumbers = List.copyOf(reservedNumbers);
        reservedNames = List.copyOf(reservedNames);
    }
}
