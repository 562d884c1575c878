package io.quicidl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated code documents itself: {@code javadoc -Xdoclint:all} over the sources generated from
 * every golden case and every example's schemas reports nothing, so every public type, field and
 * method has a comment with its {@code @param}, {@code @return} and {@code @throws}, and every
 * {@code {@link}} resolves against the runtime.
 */
class GeneratedJavadocTest {

    @TempDir
    Path work;

    static Stream<Arguments> schemaSets() throws IOException {
        return GeneratedSurfaceTest.schemaSets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaSets")
    void javadocOfGeneratedCodeIsLintClean(String name, Path root, GenerationOptions options) throws IOException {
        List<String> schemas;
        try (Stream<Path> files = Files.walk(root)) {
            schemas = files.filter(f -> f.toString().endsWith(".quic"))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        QuicidlCompiler.Generation generation =
                QuicidlCompiler.generate(SourceProvider.directories(List.of(root)), schemas, options);
        assertTrue(generation.diagnostics().stream().noneMatch(d -> d.isError()), generation.diagnostics()::toString);
        Path sources = work.resolve("src");
        for (GeneratedFile file : generation.files()) {
            Path target = sources.resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content(), StandardCharsets.UTF_8);
        }
        assertEquals(
                List.of(), doclint(sources), "javadoc -Xdoclint:all complains about the code generated for " + name);
    }

    /** The check itself: a public method without a comment, and one without its {@code @return}, are caught. */
    @Test
    void undocumentedMembersAreCaught() throws IOException {
        Path sources = work.resolve("src");
        Path file = sources.resolve("leak/Undocumented.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package leak;

                /** A class. */
                public final class Undocumented {
                    private Undocumented() {}

                    public static int bare() {
                        return 1;
                    }

                    /** Half documented. */
                    public static int noReturnTag() {
                        return 2;
                    }
                }
                """);
        List<String> problems = doclint(sources);
        assertTrue(problems.stream().anyMatch(p -> p.contains("Undocumented.java:7")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("Undocumented.java:12")), problems::toString);
    }

    /** Every warning and error of {@code javadoc -Xdoclint:all} over the sources, as {@code file:line: text}. */
    private List<String> doclint(Path sources) throws IOException {
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        try (StandardJavaFileManager fileManager =
                javadoc.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
            Path out = Files.createDirectories(work.resolve("doc"));
            List<String> options = List.of(
                    "-Xdoclint:all",
                    "-quiet",
                    "-notimestamp",
                    "-encoding",
                    "UTF-8",
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    out.toString());
            StringWriter log = new StringWriter();
            Boolean ok = javadoc.getTask(
                            log,
                            fileManager,
                            d -> {
                                if (d.getKind() != Diagnostic.Kind.NOTE) {
                                    problems.add(where(d) + d.getMessage(Locale.ROOT));
                                }
                            },
                            null,
                            options,
                            units)
                    .call();
            if (!ok && problems.isEmpty()) {
                problems.add("javadoc failed: " + log);
            }
        }
        return problems;
    }

    private static String where(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null) {
            return "";
        }
        String path = d.getSource().toUri().getPath();
        return path.substring(path.lastIndexOf('/') + 1) + ":" + d.getLineNumber() + ": ";
    }
}
