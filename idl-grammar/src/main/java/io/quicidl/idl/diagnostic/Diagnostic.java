package io.quicidl.idl.diagnostic;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding about a schema, printed as
 * {@code path:line:col: error[QIDL111]: message} and, when there is one, a second line
 * {@code   hint: ...}.
 */
public record Diagnostic(DiagnosticCode code, SourceLocation location, String message, Optional<String> hint) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return code.severity() == Severity.ERROR;
    }

    /** The text a user sees; one line, or two when there is a hint. */
    public String format() {
        String first = location + ": " + code.severity().label() + "[" + code.id() + "]: " + message;
        return hint.map(h -> first + "\n  hint: " + h).orElse(first);
    }

    @Override
    public String toString() {
        return format();
    }
}
