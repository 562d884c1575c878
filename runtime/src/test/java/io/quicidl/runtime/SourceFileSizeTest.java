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

/**
 * No main source file of the repository grows past {@value #MAX_LINES} lines: a class that large
 * has more than one job (the 824-line connection class this limit came from had seven).
 */
class SourceFileSizeTest {
    private static final int MAX_LINES = 450;
    /** The repository root, seen from the runtime module's directory, where Surefire runs. */
    private static final Path REPOSITORY = Path.of("..");

    @Test
    void noMainSourceFileIsOverTheLimit() throws IOException {
        assertTrue(Files.isRegularFile(REPOSITORY.resolve("runtime/pom.xml")), "run from the runtime module");
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            List<String> offenders = files.filter(SourceFileSizeTest::isMainSource)
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> REPOSITORY.relativize(f) + " (" + lines(f) + " lines)")
                    .sorted()
                    .toList();
            assertEquals(List.of(), offenders, "split these by job");
        }
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.endsWith(".java") && path.contains("/src/main/java/") && !path.contains("/target/");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
