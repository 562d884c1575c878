package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;

/** {@code import "common/time.quic";} */
public record ImportElement(SourceLocation location, String path) {}
