package io.quicidl.idl.model;

import io.quicidl.idl.diagnostic.SourceLocation;

/**
 * A field of a message or error.
 *
 * @param name as declared, e.g. {@code sent_at}; this is the name on the wire for text
 *     formats
 * @param javaName camelCase, keyword-escaped: {@code sentAt}, {@code class_}
 */
public record Field(String name, int number, String javaName, TypeRef type, String doc, SourceLocation location) {}
