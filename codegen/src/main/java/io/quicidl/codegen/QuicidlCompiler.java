package io.quicidl.codegen;

import com.palantir.javapoet.JavaFile;
import io.quicidl.codegen.java.JavaGenerator;
import io.quicidl.idl.SchemaLoader;
import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The compiler's one entry point: the {@code quicidl} command line, the Maven plugin and the
 * tests call only this class.
 *
 * <p>The stages, each run only if the ones before it reported no error:
 *
 * <ol>
 *   <li><b>load, parse, link, validate</b>: the front end's {@link SchemaLoader} turns the
 *       requested files and their imports into a linked {@link Schema};
 *   <li><b>package override</b>: {@link GenerationOptions#javaPackage()} moves the requested
 *       files' types into that package;
 *   <li><b>class names</b>: top-level classes that two declarations would both generate are
 *       reported ({@code QIDL222});
 *   <li><b>generate</b>: {@link JavaGenerator} builds every file in memory, for the requested
 *       files only, by {@link GenerationOptions#roles()};
 *   <li><b>write</b>: the files go below the output directory.
 * </ol>
 *
 * <p>Nothing is written when any error is reported. Warnings are returned and never stop it.
 */
public final class QuicidlCompiler {

    /** The result of the stages before writing. */
    public record Generation(List<Diagnostic> diagnostics, List<GeneratedFile> files) {
        public Generation {
            diagnostics = List.copyOf(diagnostics);
            files = List.copyOf(files);
        }
    }

    private QuicidlCompiler() {}

    /**
     * Compiles and writes.
     *
     * @throws UncheckedIOException when a generated file cannot be written
     */
    public static CompileResult compile(CompileRequest request) {
        Generation generation = generate(request.sources(), request.sourceFiles(), request.options());
        if (generation.files().isEmpty()) {
            return new CompileResult(generation.diagnostics(), List.of());
        }
        Path output = request.outputDirectory();
        try {
            for (Path directory : generation.files().stream()
                    .map(file -> output.resolve(file.path()).getParent())
                    .collect(Collectors.toCollection(LinkedHashSet::new))) {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated sources to " + output, e);
        }
        // The directories exist: each file is one independent write, so they overlap on the cores.
        List<Path> written = generation.files().parallelStream()
                .map(file -> write(output, file))
                .toList();
        return new CompileResult(generation.diagnostics(), written);
    }

    private static Path write(Path output, GeneratedFile file) {
        Path target = output.resolve(file.path());
        try {
            return Files.writeString(target, file.content(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated sources to " + output, e);
        }
    }

    /** Runs every stage but writing: the files come back in memory (empty when there is an error). */
    public static Generation generate(SourceProvider sources, List<String> files, GenerationOptions options) {
        Schema loaded;
        try {
            loaded = new SchemaLoader(sources).load(files);
        } catch (SchemaException e) {
            return new Generation(e.diagnostics(), List.of());
        }
        Schema schema = options.javaPackage()
                .map(javaPackage -> JavaPackageOverride.apply(loaded, javaPackage))
                .orElse(loaded);
        List<Diagnostic> diagnostics = new ArrayList<>(schema.warnings());
        List<Diagnostic> clashes = ClassNameClashes.find(schema);
        if (!clashes.isEmpty()) {
            diagnostics.addAll(clashes);
            return new Generation(diagnostics, List.of());
        }
        JavaGenerator generator = new JavaGenerator(schema, options.roles());
        Map<String, Set<String>> namesByPackage = new HashMap<>();
        List<Supplier<JavaFile>> javaFiles = new ArrayList<>();
        for (SchemaFile file : schema.requestedFiles()) {
            Set<String> samePackageNames = namesByPackage.computeIfAbsent(
                    file.javaPackage(), javaPackage -> ClassNameClashes.topLevelNames(schema, javaPackage));
            javaFiles.addAll(generator.generate(file, samePackageNames));
        }
        // Building and rendering the files is nearly all of a big schema's time, and each file is
        // independent of the others: spread both over the cores. The list keeps the generator's order.
        List<GeneratedFile> generated = javaFiles.parallelStream()
                .map(Supplier::get)
                .map(javaFile -> new GeneratedFile(path(javaFile), javaFile.toString()))
                .toList();
        return new Generation(diagnostics, generated);
    }

    private static String path(JavaFile file) {
        String directory =
                file.packageName().isEmpty() ? "" : file.packageName().replace('.', '/') + "/";
        return directory + file.typeSpec().name() + ".java";
    }
}
