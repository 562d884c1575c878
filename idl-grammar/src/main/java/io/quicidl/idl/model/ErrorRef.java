package io.quicidl.idl.model;

/** An error type named in an rpc's {@code throws} list. */
public record ErrorRef(String fullName, JavaName javaName) {}
