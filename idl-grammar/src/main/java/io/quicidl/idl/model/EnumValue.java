package io.quicidl.idl.model;

import io.quicidl.idl.diagnostic.SourceLocation;

/**
 * One value of an enum.
 *
 * @param javaName the name as declared, keyword-escaped
 */
public record EnumValue(String name, int number, String javaName, String doc, SourceLocation location) {}
