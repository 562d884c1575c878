package io.quicidl.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated code sees the runtime's public surface only (STYLE 15a): the class files compiled
 * from every golden case and every example's schemas name no class of the runtime's transport,
 * call or wire packages and nothing of Netty, as {@code javap -v -p} shows them (constant pool,
 * signatures, descriptors, code). A client SDK built today then keeps linking when those
 * insides change.
 */
class GeneratedSurfaceTest {
    /** Internal name prefixes that generated classes must not mention. */
    static final List<String> INTERNAL = List.of(
            "io/quicidl/runtime/transport/", "io/quicidl/runtime/call/", "io/quicidl/runtime/wire/", "io/netty/");

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path EXAMPLES = Path.of("../examples");

    @TempDir
    Path classes;

    static Stream<Arguments> schemaSets() throws IOException {
        List<Arguments> sets = new ArrayList<>();
        for (String name : GoldenTest.cases().toList()) {
            Path dir = GOLDEN.resolve(name);
            sets.add(Arguments.of("golden " + name, dir.resolve("input"), GoldenTest.options(dir)));
        }
        try (Stream<Path> examples = Files.list(EXAMPLES)) {
            for (Path example : examples.sorted().toList()) {
                Path quic = example.resolve("src/main/quic");
                if (Files.isDirectory(quic)) {
                    sets.add(Arguments.of("example " + example.getFileName(), quic, GenerationOptions.DEFAULT));
                }
            }
        }
        return sets.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaSets")
    void generatedClassesNameNoRuntimeInternals(String name, Path root, GenerationOptions options) throws IOException {
        List<String> schemas;
        try (Stream<Path> files = Files.walk(root)) {
            schemas = files.filter(f -> f.toString().endsWith(".quic"))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        assertTrue(!schemas.isEmpty(), "no schemas under " + root);
        QuicidlCompiler.Generation generation =
                QuicidlCompiler.generate(SourceProvider.directories(List.of(root)), schemas, options);
        assertTrue(generation.diagnostics().stream().noneMatch(d -> d.isError()), generation.diagnostics()::toString);
        List<JavaFileObject> sources = generation.files().stream()
                .map(f -> JavaFileObjects.forSourceString(
                        f.path().replace(".java", "").replace('/', '.'), f.content()))
                .toList();
        Compilation compilation = Compiler.javac().compile(sources);
        assertThat(compilation).succeeded();

        List<Path> written = writeClasses(compilation);
        assertTrue(
                written.stream().anyMatch(p -> p.toString().endsWith("Client.class")) || name.contains("types"),
                "no client stub compiled for " + name);
        assertEquals(
                List.of(),
                internalReferences(written),
                "generated classes of " + name
                        + " name runtime internals; stubs and bindings must call only the public surface");
    }

    /** The check itself: a class that mentions a transport type is caught. */
    @Test
    void aClassNamingATransportTypeIsCaught() throws IOException {
        Compilation compilation = Compiler.javac().compile(JavaFileObjects.forSourceString("leak.Leaky", """
                package leak;

                public final class Leaky {
                    public static boolean client(io.quicidl.runtime.transport.CallConnection connection) {
                        return connection.isClient();
                    }
                }
                """));
        assertThat(compilation).succeeded();
        List<String> found = internalReferences(writeClasses(compilation));
        assertTrue(
                found.stream().anyMatch(line -> line.contains("io/quicidl/runtime/transport/CallConnection")),
                found::toString);
    }

    private List<Path> writeClasses(Compilation compilation) throws IOException {
        List<Path> written = new ArrayList<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            Path target = classes.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = file.openInputStream()) {
                Files.write(target, in.readAllBytes());
            }
            written.add(target);
        }
        return written;
    }

    /** Every line of {@code javap -v -p} over the classes that names an internal class, prefixed by the class. */
    static List<String> internalReferences(List<Path> classFiles) {
        ToolProvider javap =
                ToolProvider.findFirst("javap").orElseThrow(() -> new AssertionError("no javap in this JDK"));
        List<String> found = new ArrayList<>();
        for (Path classFile : classFiles) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = javap.run(new PrintWriter(out), new PrintWriter(err), "-v", "-p", "-c", classFile.toString());
            assertEquals(0, exit, "javap failed on " + classFile + ": " + err);
            for (String line : out.toString().split("\n")) {
                String dotted = line.replace('.', '/');
                if (INTERNAL.stream().anyMatch(dotted::contains)) {
                    found.add(classFile.getFileName() + ": " + line.strip());
                }
            }
        }
        return found;
    }
}
