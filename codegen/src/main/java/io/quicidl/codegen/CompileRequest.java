package io.quicidl.codegen;

import io.quicidl.idl.source.SourceProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One run of the compiler.
 *
 * @param importRoots directories where schema files and their imports are looked up, in order
 *     (like protoc's {@code -I})
 * @param additionalSources searched after the import roots, in order: schemas from other places,
 *     such as the Maven plugin's dependency jars
 * @param sourceFiles the files to generate code for, relative to an import root
 * @param outputDirectory the root of the generated Java sources (package folders go below it)
 * @param options roles and package override
 */
public record CompileRequest(
        List<Path> importRoots,
        List<SourceProvider> additionalSources,
        List<String> sourceFiles,
        Path outputDirectory,
        GenerationOptions options) {

    public CompileRequest {
        importRoots = List.copyOf(importRoots);
        additionalSources = List.copyOf(additionalSources);
        sourceFiles = List.copyOf(sourceFiles);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(options, "options");
    }

    /** A request that finds schemas in directories only. */
    public CompileRequest(
            List<Path> importRoots, List<String> sourceFiles, Path outputDirectory, GenerationOptions options) {
        this(importRoots, List.of(), sourceFiles, outputDirectory, options);
    }

    /** Where the loader looks: the import roots, then the additional sources. */
    SourceProvider sources() {
        return SourceProvider.firstOf(
                Stream.concat(Stream.of(SourceProvider.directories(importRoots)), additionalSources.stream())
                        .toList());
    }
}
