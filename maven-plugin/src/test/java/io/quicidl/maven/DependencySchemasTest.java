package io.quicidl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencySchemasTest {

    @TempDir
    Path temp;

    @Test
    void jarWithQuicFolderBecomesAnExtractedImportRoot() throws IOException {
        Path jar = jar(
                "schemas-1.0.jar",
                Map.of(
                        "quic/common/money.quic", "package common;",
                        "common/Money.class", "not a schema",
                        "quic/README.txt", "not a schema either"));
        List<Path> roots = DependencySchemas.importRoots(List.of(jar), temp.resolve("extracted"));

        assertEquals(List.of(temp.resolve("extracted/0-schemas-1.0")), roots);
        assertEquals("package common;", Files.readString(roots.get(0).resolve("common/money.quic")));
        assertEquals(List.of("common/money.quic"), FileTrees.list(roots.get(0), ""));
    }

    @Test
    void jarWithoutSchemasAndMissingElementsAreNoRoots() throws IOException {
        Path jar = jar("plain.jar", Map.of("a/B.class", "x"));
        assertEquals(
                List.of(),
                DependencySchemas.importRoots(List.of(jar, temp.resolve("gone.jar")), temp.resolve("extracted")));
    }

    @Test
    void classOutputDirectoryIsUsedInPlace() throws IOException {
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("quic"));
        assertEquals(
                List.of(classes.resolve("quic")),
                DependencySchemas.importRoots(List.of(classes), temp.resolve("extracted")));
    }

    @Test
    void staleExtractionsAreRemoved() throws IOException {
        Path stale = temp.resolve("extracted/0-old/old.quic");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "package old;");
        DependencySchemas.importRoots(List.of(), temp.resolve("extracted"));
        assertFalse(Files.exists(stale));
    }

    @Test
    void entryClimbingOutOfItsFolderIsRefused() throws IOException {
        Path jar = jar("evil.jar", Map.of("quic/../../escaped.quic", "package evil;"));
        IOException e = assertThrows(
                IOException.class, () -> DependencySchemas.importRoots(List.of(jar), temp.resolve("extracted")));
        assertTrue(e.getMessage().contains("points outside its folder"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("escaped.quic")));
    }

    @Test
    void ownOutputsAreLeftOffTheClasspath() {
        File classes = temp.resolve("target/classes").toFile();
        List<Path> classpath = DependencySchemas.withoutOwnOutputs(
                List.of(classes.getPath(), temp.resolve("lib.jar").toString()), List.of(classes));
        assertEquals(List.of(temp.resolve("lib.jar")), classpath);
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = temp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
