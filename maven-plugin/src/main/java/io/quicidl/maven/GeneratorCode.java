package io.quicidl.maven;

import io.quicidl.codegen.QuicidlCompiler;
import io.quicidl.idl.SchemaLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where the code that generates comes from: the jars of the compiler, its front end and this
 * plugin. Their contents are part of the input digest, so a rebuilt {@code -SNAPSHOT}
 * compiler regenerates even though its version string stayed the same.
 */
final class GeneratorCode {

    private GeneratorCode() {}

    /** The jars (or class directories, when run from an IDE workspace) of the generating code. */
    static List<Path> locations() {
        return Stream.of(QuicidlCompiler.class, SchemaLoader.class, GeneratorCode.class)
                .map(type -> type.getProtectionDomain().getCodeSource())
                .filter(Objects::nonNull)
                .map(GeneratorCode::path)
                .distinct()
                .toList();
    }

    private static Path path(CodeSource source) {
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("class path entry is not a file: " + source.getLocation(), e);
        }
    }
}
