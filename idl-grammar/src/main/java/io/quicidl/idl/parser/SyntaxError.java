package io.quicidl.idl.parser;

import io.quicidl.idl.diagnostic.Diagnostic;
import java.io.Serial;

/**
 * Stops parsing a file at its first syntax error. Deliberately not an ANTLR
 * RecognitionException, so the generated rule methods do not catch it.
 */
final class SyntaxError extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;

    SyntaxError(Diagnostic diagnostic) {
        super(diagnostic.format(), null, false, false);
        this.diagnostic = diagnostic;
    }

    Diagnostic diagnostic() {
        return diagnostic;
    }
}
