package io.quicidl.idl.model;

import io.quicidl.idl.diagnostic.SourceLocation;

/** A declared type: message, enum or error. */
public sealed interface NamedType permits MessageType, EnumType, ErrorType {

    /** The name as declared, e.g. {@code Inner}. */
    String name();

    /** Package, enclosing messages and name: {@code example.sink.Everything.Inner}. */
    String fullName();

    JavaName javaName();

    /** The doc comment, lines joined with {@code \n}; "" if there is none. */
    String doc();

    SourceLocation location();
}
