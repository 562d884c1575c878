package io.quicidl.maven;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.SourceLocation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * Shows the compiler's diagnostics twice: in the build log, in the compiler's own
 * {@code path:line:col: error[QIDLnnn]: message} form, and to an IDE through the
 * {@link BuildContext}, as markers on the schema files.
 *
 * <p>The compiler names a file by its path below an import root; the log names it from the
 * project directory instead (or absolutely when it lies elsewhere, such as a schema taken
 * from a dependency), so a reader can open it from there.
 */
final class DiagnosticReporter {

    private final Log log;
    private final BuildContext buildContext;
    private final Path baseDirectory;
    private final List<Path> importRoots;
    private final boolean markFiles;

    /**
     * @param importRoots the roots of the compile request, in lookup order, to find each
     *     diagnostic's file the way the compiler found it
     */
    DiagnosticReporter(Log log, BuildContext buildContext, Path baseDirectory, List<Path> importRoots) {
        this.log = log;
        this.buildContext = buildContext;
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.importRoots =
                importRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        // On the command line there are no markers: the default context would only log each one again.
        this.markFiles = !(buildContext instanceof DefaultBuildContext);
    }

    /** In an IDE, removes the markers an earlier run left on {@code files}. */
    void clear(List<Path> files) {
        if (markFiles) {
            files.forEach(file -> buildContext.removeMessages(file.toFile()));
        }
    }

    /**
     * Logs each diagnostic once, at its severity, and, in an IDE, marks its file. Warnings that
     * fail the build ({@code warningsFail}) are logged as errors, so that {@code mvn -q}, which
     * hides warnings, still shows why the build failed.
     */
    void report(List<Diagnostic> diagnostics, boolean warningsFail) {
        for (Diagnostic diagnostic : diagnostics) {
            Optional<Path> file = locate(diagnostic.location().path());
            String text =
                    file.map(f -> relocate(diagnostic, f)).orElse(diagnostic).format();
            if (diagnostic.isError() || warningsFail) {
                log.error(text);
            } else {
                log.warn(text);
            }
            if (markFiles) {
                file.ifPresent(f -> mark(f.toFile(), diagnostic));
            }
        }
    }

    private void mark(File file, Diagnostic diagnostic) {
        SourceLocation location = diagnostic.location();
        String message = "[" + diagnostic.code().id() + "] " + diagnostic.message()
                + diagnostic.hint().map(h -> " (hint: " + h + ")").orElse("");
        int severity = diagnostic.isError() ? BuildContext.SEVERITY_ERROR : BuildContext.SEVERITY_WARNING;
        buildContext.addMessage(file, location.line(), location.column(), message, severity, null);
    }

    /** The same diagnostic, naming its file from the project directory. */
    private Diagnostic relocate(Diagnostic diagnostic, Path file) {
        String shown =
                file.startsWith(baseDirectory) ? baseDirectory.relativize(file).toString() : file.toString();
        SourceLocation location = diagnostic.location();
        return new Diagnostic(
                diagnostic.code(),
                new SourceLocation(shown, location.line(), location.column()),
                diagnostic.message(),
                diagnostic.hint());
    }

    /** The file a root-relative path names: in the first root that has it, as the compiler looks. */
    private Optional<Path> locate(String path) {
        for (Path root : importRoots) {
            Path file = root.resolve(path).normalize();
            if (file.startsWith(root) && Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }
}
