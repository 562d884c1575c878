package io.quicidl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE item 15d: the runtime logs through {@code System.Logger} only, nothing internal to Netty. */
class LoggingApiTest {
    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    @Test
    void mainSourcesDoNotUseNettysInternalLogging() throws IOException {
        assertTrue(Files.isDirectory(MAIN_SOURCES), "run from the runtime module's directory");
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            List<Path> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("io.netty.util.internal.logging"))
                    .toList();
            assertEquals(List.of(), offenders, "use System.Logger instead of Netty's InternalLogger");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
