package io.quicidl.maven;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * The goals empty their output directory before each regeneration. This refuses an output
 * directory whose emptying would delete what the user wrote: one that is, or holds, the
 * project directory, the schema directory or another source root (such as
 * {@code src/main/java}).
 */
final class OutputDirectoryGuard {

    private OutputDirectoryGuard() {}

    /**
     * Returns why {@code output} must not be emptied, or empty when it may be.
     *
     * @param protectedDirectories the project directory, the schema directory and the
     *     project's source roots (the goal's own, added by an earlier run in the same
     *     session, left out)
     */
    static Optional<String> problem(Path output, Collection<Path> protectedDirectories) {
        Path normalized = output.toAbsolutePath().normalize();
        return protectedDirectories.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.startsWith(normalized))
                .findFirst()
                .map(p -> "the output directory " + normalized + " holds " + p
                        + ", which the goal would delete when it regenerates; choose a directory of its own");
    }
}
