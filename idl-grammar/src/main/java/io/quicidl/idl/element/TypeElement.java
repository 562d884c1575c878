package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;

/** A declared type: message, enum or error. */
public sealed interface TypeElement permits MessageElement, EnumElement, ErrorElement {

    SourceLocation location();

    /** The {@code ///} doc comment above the declaration, or "" if there is none. */
    String doc();

    String name();
}
