package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;

/** {@code package example.chat;} */
public record PackageElement(SourceLocation location, String name) {}
