package io.quicidl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDigestTest {

    private static final Map<String, String> SETTINGS = Map.of("roles", "both");

    @TempDir
    Path temp;

    private Path main;
    private Path imports;

    @BeforeEach
    void schemas() throws IOException {
        main = Files.createDirectories(temp.resolve("main"));
        imports = temp.resolve("imports");
        Files.createDirectories(imports.resolve("common"));
        Files.writeString(main.resolve("a.quic"), "package a;");
        Files.writeString(imports.resolve("common/time.quic"), "package common;");
    }

    private String digest(Map<String, String> settings) throws IOException {
        return InputDigest.of(settings, List.of(), List.of("a.quic"), List.of(main, imports));
    }

    @Test
    void sameInputsGiveTheSameDigest() throws IOException {
        assertEquals(digest(SETTINGS), digest(SETTINGS));
    }

    @Test
    void changedImportedSchemaChangesTheDigest() throws IOException {
        String before = digest(SETTINGS);
        Files.writeString(imports.resolve("common/time.quic"), "package common; message T {}");
        assertNotEquals(before, digest(SETTINGS));
    }

    @Test
    void addedOrRemovedSchemaChangesTheDigest() throws IOException {
        String before = digest(SETTINGS);
        Files.writeString(main.resolve("b.quic"), "package b;");
        String added = digest(SETTINGS);
        assertNotEquals(before, added);
        Files.delete(main.resolve("b.quic"));
        assertEquals(before, digest(SETTINGS));
    }

    @Test
    void changedSettingChangesTheDigest() throws IOException {
        assertNotEquals(digest(SETTINGS), digest(Map.of("roles", "client")));
    }

    @Test
    void rootOrderCountsSinceTheFirstRootWins() throws IOException {
        assertNotEquals(
                InputDigest.of(SETTINGS, List.of(), List.of(), List.of(main, imports)),
                InputDigest.of(SETTINGS, List.of(), List.of(), List.of(imports, main)));
    }

    @Test
    void rebuiltGeneratorJarChangesTheDigest() throws IOException {
        Path jar = temp.resolve("quicidl-codegen-SNAPSHOT.jar");
        Files.writeString(jar, "first build");
        String before = InputDigest.of(SETTINGS, List.of(jar), List.of("a.quic"), List.of(main));
        Files.writeString(jar, "second build");
        assertNotEquals(before, InputDigest.of(SETTINGS, List.of(jar), List.of("a.quic"), List.of(main)));
    }
}
