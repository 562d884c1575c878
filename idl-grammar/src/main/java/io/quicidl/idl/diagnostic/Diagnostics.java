package io.quicidl.idl.diagnostic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects diagnostics across the stages of one compilation. A stage asks
 * {@link #errorCount()} before and after itself to decide whether the next may run.
 */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();
    private int errors;

    public void report(Diagnostic diagnostic) {
        all.add(diagnostic);
        if (diagnostic.isError()) {
            errors++;
        }
    }

    public void report(DiagnosticCode code, SourceLocation location, String message) {
        report(new Diagnostic(code, location, message, Optional.empty()));
    }

    public void report(DiagnosticCode code, SourceLocation location, String message, String hint) {
        report(new Diagnostic(code, location, message, Optional.of(hint)));
    }

    public void reportAll(List<Diagnostic> diagnostics) {
        diagnostics.forEach(this::report);
    }

    public int errorCount() {
        return errors;
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }

    /** Throws with everything collected so far if any error has been reported. */
    public void throwIfErrors() throws SchemaException {
        if (errors > 0) {
            throw new SchemaException(all);
        }
    }
}
