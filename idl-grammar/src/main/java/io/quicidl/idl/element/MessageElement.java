package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;

/** {@code message Name { fields, reserved, nested messages and enums }} */
public record MessageElement(
        SourceLocation location,
        String doc,
        String name,
        List<FieldElement> fields,
        List<ReservedElement> reserved,
        List<TypeElement> nestedTypes)
        implements TypeElement {

    public MessageElement {
        fields = List.copyOf(fields);
        reserved = List.copyOf(reserved);
        nestedTypes = List.copyOf(nestedTypes);
    }
}
