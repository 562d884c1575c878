package io.quicidl.idl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The schemas under src/test/resources/schemas. */
final class TestSchemas {

    private TestSchemas() {}

    static Path root() {
        try {
            return Path.of(TestSchemas.class.getResource("/schemas").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every schema file: path relative to the root ({@code /}-separated) to text, sorted by path. */
    static Map<String, String> all() {
        Path root = root();
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files =
                    walk.filter(p -> p.toString().endsWith(".quic")).sorted().toList();
            Map<String, String> texts = new LinkedHashMap<>();
            for (Path file : files) {
                texts.put(
                        root.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
