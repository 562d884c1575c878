package io.quicidl.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A SHA-256 over everything a run's output depends on: the settings (plugin version, goal,
 * options), the generating code, the requested files, and every schema under every import
 * root, in root order, since an import resolves to the first root that has the file.
 * Schemas a run does not import count too: comparing them costs little and never misses a
 * change.
 */
final class InputDigest {

    private final MessageDigest sha256;

    private InputDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Computes the digest.
     *
     * @param settings named values that change the output, in a fixed order
     * @param generatorCode jars whose bytes count, and class directories whose path counts
     * @param sourceFiles the requested files, relative to the first import root
     * @param importRoots the import roots in lookup order
     * @return the digest as lowercase hex
     */
    static String of(
            Map<String, String> settings, List<Path> generatorCode, List<String> sourceFiles, List<Path> importRoots)
            throws IOException {
        InputDigest digest = new InputDigest();
        settings.forEach((key, value) -> digest.line("setting " + key + "=" + value));
        for (Path code : generatorCode) {
            digest.line("code " + code);
            if (Files.isRegularFile(code)) {
                digest.sha256.update(Files.readAllBytes(code));
            }
        }
        sourceFiles.forEach(file -> digest.line("source " + file));
        for (int i = 0; i < importRoots.size(); i++) {
            Path root = importRoots.get(i);
            digest.line("root " + i);
            for (String file : FileTrees.list(root, ".quic")) {
                byte[] content = Files.readAllBytes(root.resolve(file));
                digest.line("file " + file + " " + content.length);
                digest.sha256.update(content);
            }
        }
        return HexFormat.of().formatHex(digest.sha256.digest());
    }

    private void line(String text) {
        sha256.update((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
