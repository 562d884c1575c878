package io.quicidl.runtime.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.net.ssl.SSLEngine;

/**
 * Appends TLS secrets to a file in NSS key log format, so Wireshark or tshark can decrypt a
 * capture. Only used when the {@code SSLKEYLOGFILE} environment variable names a file.
 */
public final class KeyLogFile {
    /** The environment variable that turns key logging on. */
    public static final String ENVIRONMENT_VARIABLE = "SSLKEYLOGFILE";

    private final Path path;

    private KeyLogFile(Path path) {
        this.path = path;
    }

    /** The key log named by {@code SSLKEYLOGFILE}, or {@code null} when it is unset or empty. */
    public static KeyLogFile fromEnvironment() {
        String value = System.getenv(ENVIRONMENT_VARIABLE);
        return value == null || value.isBlank() ? null : new KeyLogFile(Path.of(value));
    }

    /** Where the secrets go. */
    public Path path() {
        return path;
    }

    /**
     * Appends one NSS key log line of {@code engine}'s handshake; the QUIC stack calls it on an
     * event loop. Safe from any thread: appends of all instances are serialised.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public void logKey(SSLEngine engine, String line) {
        // Both endpoints of one JVM may share the file: serialise appends across all instances.
        synchronized (KeyLogFile.class) {
            try (Writer writer = Files.newBufferedWriter(
                    path,
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                writer.write(line);
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to key log " + path, e);
            }
        }
    }
}
