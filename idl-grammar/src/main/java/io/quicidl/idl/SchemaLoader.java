package io.quicidl.idl;

import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.element.FileElement;
import io.quicidl.idl.link.Linker;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.source.SourceProvider;
import io.quicidl.idl.validate.Validator;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles {@code .quic} files into a linked {@link Schema}: the one entry point of the
 * front end, used by the command-line compiler, the Maven plugin and the tests.
 *
 * <p>The stages, each run only if the ones before it reported no error:
 *
 * <ol>
 *   <li><b>load and parse</b> ({@code FileLoader}, {@code SchemaParser}): find each
 *       requested file through the {@link SourceProvider}, parse it into elements, and
 *       follow its imports depth first; each file is parsed once. Reports missing files,
 *       missing imports, import cycles and syntax errors (which stop that file).
 *   <li><b>link</b> ({@link Linker}): check packages and options, declare every type and
 *       service, resolve every reference and annotation, build the model. Reports unknown
 *       or unimported types, wrong kinds of types, bad numbers and annotations, unused
 *       imports.
 *   <li><b>validate</b> ({@link Validator}): duplicates, reserved numbers and names, enum
 *       zero values, map keys, nested containers, pattern signatures, Java name clashes.
 * </ol>
 *
 * <p>Within a stage all diagnostics are collected, so a user sees every error of a file
 * at once, not only the first.
 */
public final class SchemaLoader {

    private final SourceProvider sources;

    public SchemaLoader(SourceProvider sources) {
        this.sources = sources;
    }

    /** Loads {@code files} (paths relative to an import root) found under {@code importRoots}. */
    public static Schema load(List<Path> importRoots, List<String> files) throws SchemaException {
        return new SchemaLoader(SourceProvider.directories(importRoots)).load(files);
    }

    /**
     * Compiles {@code files} and everything they import.
     *
     * @return the schema, with any warnings in {@link Schema#warnings()}
     * @throws SchemaException with every diagnostic so far if any stage reported an error
     */
    public Schema load(List<String> files) throws SchemaException {
        Set<String> requested = new LinkedHashSet<>(files);
        Diagnostics diagnostics = new Diagnostics();

        List<FileElement> elements = new FileLoader(sources, diagnostics).load(List.copyOf(requested));
        diagnostics.throwIfErrors();

        List<SchemaFile> linked = new Linker(diagnostics).link(elements, requested);
        diagnostics.throwIfErrors();

        new Validator(diagnostics).validate(new Schema(linked, List.of()));
        diagnostics.throwIfErrors();

        return new Schema(linked, diagnostics.all());
    }
}
