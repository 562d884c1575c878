package io.quicidl.idl.diagnostic;

import java.io.Serial;
import java.util.List;

/**
 * The schemas could not be compiled. Carries every diagnostic reported up to the stage
 * that failed, warnings included, in the order they were found; the exception message is
 * their printed form, one per line.
 */
public final class SchemaException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    // A diagnostic holds an Optional hint, which is not serializable: a deserialized copy keeps
    // the printed form (the message) and reports no diagnostics.
    private final transient List<Diagnostic> diagnostics;

    public SchemaException(List<Diagnostic> diagnostics) {
        super(render(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics == null ? List.of() : diagnostics;
    }

    public List<Diagnostic> errors() {
        return diagnostics().stream().filter(Diagnostic::isError).toList();
    }

    private static String render(List<Diagnostic> diagnostics) {
        StringBuilder text = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(d.format());
        }
        return text.toString();
    }
}
