package io.quicidl.idl.parser;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.Optional;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Stops at the first syntax error with a message in the schema's terms. ANTLR's default
 * strategy would insert or delete a token and carry on, which yields follow-on errors
 * about text the user never wrote; a schema file is small, so one precise error is worth
 * more.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

    private final String path;

    SyntaxErrorStrategy(String path) {
        this.path = path;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        IntervalSet expected = e.getExpectedTokens() != null ? e.getExpectedTokens() : recognizer.getExpectedTokens();
        String message = "expected " + ExpectedTokens.describe(recognizer, recognizer.getContext(), expected)
                + ", found " + ExpectedTokens.found(offending);
        SourceLocation location = new SourceLocation(path, offending.getLine(), offending.getCharPositionInLine() + 1);
        throw new SyntaxError(new Diagnostic(DiagnosticCode.SYNTAX_ERROR, location, message, Optional.empty()));
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        reportError(recognizer, new InputMismatchException(recognizer));
        throw new IllegalStateException("reportError always throws");
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new IllegalStateException("reportError always throws", e);
    }

    /**
     * Checks the next token where a loop or optional block starts, so that the error names
     * everything the block could have accepted (not only what follows it), and never
     * deletes a token to recover.
     */
    @Override
    public void sync(Parser recognizer) {
        ATNState state = recognizer.getInterpreter().atn.states.get(recognizer.getState());
        IntervalSet next = recognizer.getATN().nextTokens(state);
        int lookahead = recognizer.getInputStream().LA(1);
        if (next.contains(lookahead) || next.contains(Token.EPSILON)) {
            return;
        }
        switch (state.getStateType()) {
            case ATNState.BLOCK_START,
                    ATNState.STAR_BLOCK_START,
                    ATNState.PLUS_BLOCK_START,
                    ATNState.STAR_LOOP_ENTRY,
                    ATNState.PLUS_LOOP_BACK,
                    ATNState.STAR_LOOP_BACK -> throw new InputMismatchException(recognizer);
            default -> {
                // Other states are checked by match() itself.
            }
        }
    }
}
