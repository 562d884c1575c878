package io.quicidl.codegen;

import java.util.Locale;

/** Which sides of each service to generate; messages, enums, errors and descriptors always are. */
public enum Roles {
    /** Client stubs only: an SDK for callers, without server interfaces or bindings. */
    CLIENT,
    /** Server interfaces and bindings only. */
    SERVER,
    /** Both (the default). */
    BOTH;

    public boolean client() {
        return this != SERVER;
    }

    public boolean server() {
        return this != CLIENT;
    }

    /** {@code client}, {@code server} or {@code both}, in any case. */
    public static Roles parse(String text) {
        for (Roles roles : values()) {
            if (roles.name().equalsIgnoreCase(text)) {
                return roles;
            }
        }
        throw new IllegalArgumentException("roles must be client, server or both, not '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
