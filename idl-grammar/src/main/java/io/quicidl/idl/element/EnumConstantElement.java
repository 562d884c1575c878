package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;

/** {@code ONLINE = 1;} */
public record EnumConstantElement(SourceLocation location, String doc, String name, long number) {}
