package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;

/** {@code optional bytes attachment = 3;} */
public record FieldElement(SourceLocation location, String doc, TypeRefElement type, String name, long number) {}
