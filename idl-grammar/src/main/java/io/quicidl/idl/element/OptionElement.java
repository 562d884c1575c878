package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;

/** {@code option java_package = "com.acme.chat";} */
public record OptionElement(SourceLocation location, String name, ConstantElement value) {}
