package io.quicidl.idl.diagnostic;

import java.util.Objects;

/**
 * A position in a schema file: the path as given relative to its import root, and a
 * 1-based line and column. Line 0 means "the file as a whole" (for example a file that
 * could not be found) and prints as the bare path.
 */
public record SourceLocation(String path, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(path, "path");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** The location of a whole file, without a position inside it. */
    public static SourceLocation ofFile(String path) {
        return new SourceLocation(path, 0, 0);
    }

    @Override
    public String toString() {
        return line == 0 ? path : path + ":" + line + ":" + column;
    }
}
