package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;

/** A type as written in a field: a name, or a container of other types. */
public sealed interface TypeRefElement {

    SourceLocation location();

    /** A scalar or a (possibly qualified) type name: {@code string}, {@code common.time.Instant}. */
    record NamedTypeElement(SourceLocation location, String name) implements TypeRefElement {}

    /** {@code optional T} */
    record OptionalTypeElement(SourceLocation location, TypeRefElement element) implements TypeRefElement {}

    /** {@code list<T>} */
    record ListTypeElement(SourceLocation location, TypeRefElement element) implements TypeRefElement {}

    /** {@code map<K, V>} */
    record MapTypeElement(SourceLocation location, TypeRefElement key, TypeRefElement value)
            implements TypeRefElement {}
}
