package io.quicidl.codegen;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One run of the compiler.
 *
 * @param importRoots where schema files and their imports are looked up, in order (like
 *     protoc's {@code -I})
 * @param sourceFiles the files to generate code for, relative to an import root
 * @param outputDirectory the root of the generated Java sources (package folders go below it)
 * @param options roles and package override
 */
public record CompileRequest(
        List<Path> importRoots, List<String> sourceFiles, Path outputDirectory, GenerationOptions options) {

    public CompileRequest {
        importRoots = List.copyOf(importRoots);
        sourceFiles = List.copyOf(sourceFiles);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(options, "options");
    }
}
