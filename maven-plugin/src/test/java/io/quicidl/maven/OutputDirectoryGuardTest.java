package io.quicidl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputDirectoryGuardTest {

    private static final Path PROJECT = Path.of("/work/project");
    private static final List<Path> PROTECTED =
            List.of(PROJECT, PROJECT.resolve("src/main/quic"), PROJECT.resolve("src/main/java"));

    @Test
    void directoryOfItsOwnMayBeEmptied() {
        assertEquals(
                Optional.empty(),
                OutputDirectoryGuard.problem(PROJECT.resolve("target/generated-sources/quic"), PROTECTED));
    }

    @Test
    void directoryHoldingSourcesIsRefused() {
        Optional<String> problem = OutputDirectoryGuard.problem(PROJECT.resolve("src/main"), PROTECTED);
        assertTrue(problem.orElseThrow().contains("holds " + PROJECT.resolve("src/main/quic")), problem.get());
    }

    @Test
    void projectDirectoryItselfIsRefused() {
        assertTrue(OutputDirectoryGuard.problem(PROJECT, PROTECTED).isPresent());
    }

    @Test
    void anotherSourceRootIsRefused() {
        assertTrue(OutputDirectoryGuard.problem(PROJECT.resolve("src/main/java"), PROTECTED)
                .isPresent());
    }
}
