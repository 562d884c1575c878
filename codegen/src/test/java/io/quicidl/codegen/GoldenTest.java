package io.quicidl.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each folder under {@code src/test/resources/golden} is a case with
 * {@code input/**.quic} (all compiled, {@code input} is the import root), an optional
 * {@code options.properties} ({@code roles}, {@code java_package}) and {@code expected/**}, the
 * generated sources. Run with {@code -Dgolden.update=true} to rewrite {@code expected/}. Every
 * case's output must also compile against the runtime with {@code -Xlint:all -Werror}.
 */
class GoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedSourcesMatchExpectedAndCompileWithoutWarnings(String name) throws IOException {
        Path dir = GOLDEN.resolve(name);
        Path input = dir.resolve("input");
        List<String> schemas;
        try (Stream<Path> files = Files.walk(input)) {
            schemas = files.filter(f -> f.toString().endsWith(".quic"))
                    .map(f -> input.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        QuicidlCompiler.Generation generation =
                QuicidlCompiler.generate(SourceProvider.directories(List.of(input)), schemas, options(dir));
        assertTrue(generation.diagnostics().stream().noneMatch(d -> d.isError()), generation.diagnostics()::toString);

        Map<String, String> actual = new TreeMap<>();
        generation.files().forEach(f -> actual.put(f.path(), f.content()));
        Path expectedDir = dir.resolve("expected");
        if (Boolean.getBoolean("golden.update")) {
            rewrite(expectedDir, actual);
        }
        assertEquals(
                read(expectedDir),
                actual,
                "generated sources differ from " + expectedDir + "; run with -Dgolden.update=true to accept them");

        List<JavaFileObject> sources = generation.files().stream()
                .map(f -> JavaFileObjects.forSourceString(
                        f.path().replace(".java", "").replace('/', '.'), f.content()))
                .toList();
        Compilation compilation =
                Compiler.javac().withOptions("-Xlint:all", "-Werror").compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
    }

    static GenerationOptions options(Path dir) throws IOException {
        GenerationOptions options = GenerationOptions.DEFAULT;
        Path file = dir.resolve("options.properties");
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            options = options.withRoles(Roles.parse(properties.getProperty("roles", "both")));
            String javaPackage = properties.getProperty("java_package");
            if (javaPackage != null) {
                options = options.withJavaPackage(javaPackage);
            }
        }
        return options;
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static void rewrite(Path dir, Map<String, String> files) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(f);
                }
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
