package io.quicidl.idl.parser;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.source.Source;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The canonical layout of a {@code .quic} file ({@code quicidl fmt}). It re-spaces the
 * file's own tokens, so nothing is lost: every comment stays, next to the token it was
 * next to, and parsing the result gives the same elements.
 *
 * <p>The layout: one declaration, field, enum value, reserved list or rpc per line; two
 * spaces of indent per brace; an rpc's annotations on the line above it; single spaces
 * between tokens except after {@code ( < . @ -} and before {@code ; , ) > . <} and an
 * argument list; {@code {}} for an empty body. A comment on the line of the token before it
 * stays there; others get a line of their own. Blank lines of the source are kept, several
 * in a row as one, except after {@code {} and before {@code }}.
 */
public final class SchemaFormatter {

    private static final Set<Integer> NO_SPACE_BEFORE =
            Set.of(QuicLexer.SEMI, QuicLexer.COMMA, QuicLexer.RPAREN, QuicLexer.GT, QuicLexer.DOT, QuicLexer.LT);
    private static final Set<Integer> NO_SPACE_AFTER =
            Set.of(QuicLexer.LPAREN, QuicLexer.LT, QuicLexer.DOT, QuicLexer.AT, QuicLexer.MINUS);
    private static final Set<Integer> LINE_ENDS = Set.of(QuicLexer.SEMI, QuicLexer.LBRACE, QuicLexer.RBRACE);

    private enum Gap {
        NONE,
        SPACE,
        NEWLINE,
        BLANK_LINE
    }

    private final StringBuilder out = new StringBuilder();
    private final Map<Integer, ParserRuleContext> parents = new HashMap<>();
    private int depth;

    private SchemaFormatter() {}

    /**
     * Formats {@code source}.
     *
     * @throws SchemaException if it does not parse; a file with a syntax error is not formatted
     */
    public static String format(Source source) throws SchemaException {
        SchemaParser.Parsed parsed = SchemaParser.parseFully(source);
        SchemaFormatter formatter = new SchemaFormatter();
        formatter.indexParents(parsed.tree());
        formatter.emit(parsed.tokens().getTokens());
        return formatter.out.toString();
    }

    private void indexParents(ParseTree tree) {
        if (tree instanceof TerminalNode terminal) {
            parents.put(terminal.getSymbol().getTokenIndex(), (ParserRuleContext) terminal.getParent());
            return;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            indexParents(tree.getChild(i));
        }
    }

    private void emit(List<Token> tokens) {
        Token previous = null;
        Token lastCode = null;
        for (Token token : tokens) {
            if (token.getType() == Token.EOF) {
                break;
            }
            boolean comment = token.getChannel() == Token.HIDDEN_CHANNEL;
            if (token.getType() == QuicLexer.RBRACE) {
                depth--;
            }
            if (previous != null) {
                separate(gap(previous, lastCode, token, comment));
            }
            if (out.length() == 0 || out.charAt(out.length() - 1) == '\n') {
                out.append("  ".repeat(Math.max(depth, 0)));
            }
            out.append(comment ? token.getText().stripTrailing() : token.getText());
            if (token.getType() == QuicLexer.LBRACE) {
                depth++;
            }
            previous = token;
            if (!comment) {
                lastCode = token;
            }
        }
        if (out.length() > 0) {
            out.append('\n');
        }
    }

    private Gap gap(Token previous, Token lastCode, Token token, boolean comment) {
        int linesBetween = token.getLine() - endLine(previous);
        boolean previousIsComment = previous.getChannel() == Token.HIDDEN_CHANNEL;
        Gap newline = linesBetween > 1 && blankLineAllowed(previous, token) ? Gap.BLANK_LINE : Gap.NEWLINE;
        if (comment) {
            return linesBetween == 0 ? Gap.SPACE : newline;
        }
        Gap code = lastCode == null ? Gap.NEWLINE : codeGap(lastCode, token);
        if (previousIsComment) {
            boolean inline = previous.getType() == QuicLexer.BLOCK_COMMENT && linesBetween == 0;
            return code != Gap.NEWLINE && inline ? Gap.SPACE : newline;
        }
        return code == Gap.NEWLINE ? newline : code;
    }

    /** How two code tokens in a row are separated, comments aside. */
    private Gap codeGap(Token before, Token token) {
        int type = token.getType();
        if (type == QuicLexer.RBRACE) {
            return before.getType() == QuicLexer.LBRACE ? Gap.NONE : Gap.NEWLINE;
        }
        if (LINE_ENDS.contains(before.getType()) || annotatedRpcKeyword(token)) {
            return Gap.NEWLINE;
        }
        if (NO_SPACE_BEFORE.contains(type) || NO_SPACE_AFTER.contains(before.getType())) {
            return Gap.NONE;
        }
        if (type == QuicLexer.LPAREN) {
            return parents.get(token.getTokenIndex()) instanceof QuicParser.RpcResponseContext ? Gap.SPACE : Gap.NONE;
        }
        return Gap.SPACE;
    }

    private boolean annotatedRpcKeyword(Token token) {
        return token.getType() == QuicLexer.RPC
                && parents.get(token.getTokenIndex()) instanceof QuicParser.RpcDeclContext rpc
                && !rpc.annotation().isEmpty()
                && rpc.RPC().getSymbol() == token;
    }

    private static boolean blankLineAllowed(Token previous, Token token) {
        return previous.getType() != QuicLexer.LBRACE && token.getType() != QuicLexer.RBRACE;
    }

    private static int endLine(Token token) {
        return token.getLine()
                + (int) token.getText().chars().filter(c -> c == '\n').count();
    }

    private void separate(Gap gap) {
        switch (gap) {
            case NONE -> {}
            case SPACE -> out.append(' ');
            case NEWLINE -> out.append('\n');
            case BLANK_LINE -> out.append("\n\n");
        }
    }
}
