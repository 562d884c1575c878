package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;

/** {@code error Name { fields, reserved }}: a typed error an rpc may throw. */
public record ErrorElement(
        SourceLocation location, String doc, String name, List<FieldElement> fields, List<ReservedElement> reserved)
        implements TypeElement {

    public ErrorElement {
        fields = List.copyOf(fields);
        reserved = List.copyOf(reserved);
    }
}
