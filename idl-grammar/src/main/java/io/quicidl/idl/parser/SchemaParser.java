package io.quicidl.idl.parser;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.element.FileElement;
import io.quicidl.idl.source.Source;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * Parses one {@code .quic} file into its {@link FileElement}. The only entry point into
 * ANTLR: nothing outside this package sees a parse tree.
 */
public final class SchemaParser {

    /** An ordinary or doc comment, with the {@code //}, {@code ///} or {@code /* *}{@code /} marks. */
    public record Comment(SourceLocation location, String text) {}

    /** A parse that succeeded: its tokens (comments on the hidden channel), tree and elements. */
    record Parsed(CommonTokenStream tokens, QuicParser.FileContext tree, FileElement file) {}

    private SchemaParser() {}

    /**
     * Parses {@code source}, stopping at the first syntax error.
     *
     * @throws SchemaException carrying exactly one located syntax diagnostic
     */
    public static FileElement parse(Source source) throws SchemaException {
        return parseFully(source).file();
    }

    /** The comments of {@code source} in order, for tools that read directives in them. */
    public static List<Comment> comments(Source source) throws SchemaException {
        CommonTokenStream tokens = parseFully(source).tokens();
        return tokens.getTokens().stream()
                .filter(t -> t.getChannel() == Token.HIDDEN_CHANNEL)
                .map(t -> new Comment(
                        new SourceLocation(source.path(), t.getLine(), t.getCharPositionInLine() + 1), t.getText()))
                .toList();
    }

    static Parsed parseFully(Source source) throws SchemaException {
        // Some editors start UTF-8 files with a byte order mark; it is not part of the text.
        String text = source.text().startsWith("\uFEFF") ? source.text().substring(1) : source.text();
        QuicLexer lexer = new QuicLexer(CharStreams.fromString(text, source.path()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new LexerErrorListener(source.path()));
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        QuicParser parser = new QuicParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new SyntaxErrorStrategy(source.path()));
        try {
            QuicParser.FileContext tree = parser.file();
            return new Parsed(tokens, tree, new ElementBuilder(source.path(), tokens).file(tree));
        } catch (SyntaxError e) {
            throw new SchemaException(List.of(e.diagnostic()));
        }
    }
}
