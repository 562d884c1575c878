package io.quicidl.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a goal execution keeps the {@link InputDigest} of its last successful run. The
 * output counts as up to date only while the stored digest matches and the output
 * directory still exists.
 */
final class DigestFile {

    private final Path file;

    DigestFile(Path file) {
        this.file = file;
    }

    /** Whether the last successful run had {@code digest} and its output is still there. */
    boolean matches(String digest, Path outputDirectory) throws IOException {
        return Files.isDirectory(outputDirectory)
                && Files.isRegularFile(file)
                && Files.readString(file, StandardCharsets.UTF_8).equals(digest);
    }

    /** Records a successful run. */
    void write(String digest) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, digest, StandardCharsets.UTF_8);
    }

    /** Forgets the last run, so the next one regenerates whatever the inputs are. */
    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
