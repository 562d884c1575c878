package io.quicidl.idl.source;

import java.util.Objects;

/**
 * The text of one schema file.
 *
 * @param path the path relative to the import root it was found in, with {@code /}
 *     separators; this is what diagnostics print and what imports name
 * @param origin where the text really came from (an absolute file, a jar entry, "memory"),
 *     for tools that want to show it
 * @param text the file's contents
 */
public record Source(String path, String origin, String text) {

    public Source {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(text, "text");
    }
}
