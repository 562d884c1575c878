package io.quicidl.idl.parser;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.misc.Interval;

/** Turns the lexer's "token recognition error" into our own wording and stops the file. */
final class LexerErrorListener extends BaseErrorListener {

    private final String path;

    LexerErrorListener(String path) {
        this.path = path;
    }

    @Override
    public void syntaxError(
            Recognizer<?, ?> recognizer,
            Object offendingSymbol,
            int line,
            int column,
            String msg,
            RecognitionException e) {
        CharStream input = ((Lexer) recognizer).getInputStream();
        int start = ((Lexer) recognizer)._tokenStartCharIndex;
        String head = input.getText(Interval.of(start, Math.min(start + 1, input.size() - 1)));
        String message;
        Optional<String> hint = Optional.empty();
        if (head.startsWith("/*")) {
            message = "unterminated comment";
            hint = Optional.of("close it with */");
        } else if (head.startsWith("\"")) {
            message = "unterminated string";
            hint = Optional.of("strings end with \" on the same line and cannot contain \\");
        } else {
            message = "unexpected character " + describe(head.isEmpty() ? 0 : head.codePointAt(0));
        }
        SourceLocation location = new SourceLocation(path, line, column + 1);
        throw new SyntaxError(new Diagnostic(DiagnosticCode.INVALID_CHARACTER, location, message, hint));
    }

    private static String describe(int codePoint) {
        if (codePoint >= 0x20 && codePoint < 0x7f) {
            return "'" + (char) codePoint + "'";
        }
        return String.format("U+%04X", codePoint);
    }
}
