package io.quicidl.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.idl.source.Source;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceProviderTest {

    @TempDir
    Path dir;

    @Test
    void firstImportRootThatHasTheFileWins() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first/common"));
        Path second = Files.createDirectories(dir.resolve("second/common"));
        Files.writeString(first.resolve("time.quic"), "first");
        Files.writeString(second.resolve("time.quic"), "second");
        Files.writeString(second.resolve("other.quic"), "other");
        SourceProvider roots = SourceProvider.directories(List.of(first.getParent(), second.getParent()));

        Source time = roots.find("common/time.quic").orElseThrow();
        assertEquals("first", time.text());
        assertEquals("common/time.quic", time.path());
        assertEquals("other", roots.find("common/other.quic").orElseThrow().text());
    }

    @Test
    void importPathCannotClimbOutOfItsRoot() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.quic"), "outside");
        assertTrue(
                SourceProvider.directories(List.of(root)).find("../secret.quic").isEmpty());
    }

    @Test
    void providersAreAskedInOrder() throws IOException {
        SourceProvider combined = SourceProvider.firstOf(List.of(
                SourceProvider.inMemory(Map.of("a.quic", "memory")),
                SourceProvider.inMemory(Map.of("a.quic", "shadowed", "b.quic", "fallback"))));
        assertEquals("memory", combined.find("a.quic").orElseThrow().text());
        assertEquals("fallback", combined.find("b.quic").orElseThrow().text());
        assertTrue(combined.find("c.quic").isEmpty());
    }
}
