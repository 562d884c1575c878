package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;

/** {@code enum Name { VALUE = 0; ... }} */
public record EnumElement(
        SourceLocation location,
        String doc,
        String name,
        List<EnumConstantElement> constants,
        List<ReservedElement> reserved)
        implements TypeElement {

    public EnumElement {
        constants = List.copyOf(constants);
        reserved = List.copyOf(reserved);
    }
}
