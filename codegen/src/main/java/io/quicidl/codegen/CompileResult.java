package io.quicidl.codegen;

import io.quicidl.idl.diagnostic.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run of the compiler did.
 *
 * @param diagnostics every error and warning, in the order found; each prints as
 *     {@code path:line:col: error[QIDLnnn]: message}
 * @param writtenFiles the Java files written, empty when there was an error
 */
public record CompileResult(List<Diagnostic> diagnostics, List<Path> writtenFiles) {

    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
        writtenFiles = List.copyOf(writtenFiles);
    }

    /** Whether no error was reported (warnings allowed); files were written exactly then. */
    public boolean success() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }
}
