package io.quicidl.idl.parser;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.element.FileElement;
import io.quicidl.idl.source.Source;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/**
 * Parses one {@code .quic} file into its {@link FileElement}. The only entry point into
 * ANTLR: nothing outside this package sees a parse tree.
 */
public final class SchemaParser {

    private SchemaParser() {}

    /**
     * Parses {@code source}, stopping at the first syntax error.
     *
     * @throws SchemaException carrying exactly one located syntax diagnostic
     */
    public static FileElement parse(Source source) throws SchemaException {
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
            return new ElementBuilder(source.path(), tokens).file(parser.file());
        } catch (SyntaxError e) {
            throw new SchemaException(List.of(e.diagnostic()));
        }
    }
}
