package io.quicidl.idl.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Words a set of expected tokens for people: "expected a type name or '}'" rather than
 * ANTLR's "expecting {IDENT, 'package', 'option', ...}".
 *
 * <p>Where a name may appear, the set holds the identifier token and every keyword (names
 * may be keywords), so the whole group is replaced by what the name is for, taken from
 * the innermost grammar rule that has a phrase.
 */
final class ExpectedTokens {

    private static final Map<Integer, String> NAME_PHRASES = Map.ofEntries(
            Map.entry(QuicParser.RULE_packageName, "a package name"),
            Map.entry(QuicParser.RULE_optionName, "an option name"),
            Map.entry(QuicParser.RULE_messageDecl, "a message name"),
            Map.entry(QuicParser.RULE_messageBody, "a field"),
            Map.entry(QuicParser.RULE_errorDecl, "an error name"),
            Map.entry(QuicParser.RULE_errorBody, "a field"),
            Map.entry(QuicParser.RULE_field, "a field name"),
            Map.entry(QuicParser.RULE_fieldType, "a type"),
            Map.entry(QuicParser.RULE_typeName, "a type name"),
            Map.entry(QuicParser.RULE_enumDecl, "an enum name"),
            Map.entry(QuicParser.RULE_enumBody, "an enum value"),
            Map.entry(QuicParser.RULE_serviceDecl, "a service name"),
            Map.entry(QuicParser.RULE_rpcDecl, "an rpc name"),
            Map.entry(QuicParser.RULE_rpcRequest, "a message type name"),
            Map.entry(QuicParser.RULE_rpcResponse, "a message type name"),
            Map.entry(QuicParser.RULE_rpcThrows, "an error type name"),
            Map.entry(QuicParser.RULE_annotation, "an annotation name"),
            Map.entry(QuicParser.RULE_annotationArgs, "an argument name"));

    private static final Map<Integer, String> TOKEN_WORDS = Map.of(
            Token.EOF, "end of file",
            QuicParser.INT, "a number",
            QuicParser.STRING, "a string",
            QuicParser.AT, "an annotation");

    private ExpectedTokens() {}

    /** "a type name, ';' or '}'", for the tokens {@code parser} could have accepted. */
    static String describe(Parser parser, RuleContext context, IntervalSet expected) {
        List<String> items = new ArrayList<>();
        boolean nameExpected = expected.contains(QuicParser.IDENT);
        if (nameExpected) {
            items.add(namePhrase(context));
        }
        for (int type : expected.toList()) {
            boolean partOfName = type == QuicParser.IDENT || (nameExpected && isKeyword(type));
            // A minus sign is only the start of a number; "a number" says it.
            boolean partOfNumber = type == QuicParser.MINUS && expected.contains(QuicParser.INT);
            if (!partOfName && !partOfNumber && type != Token.EOF) {
                items.add(
                        type == QuicParser.STRING && inImport(context) ? "a file path in quotes" : word(parser, type));
            }
        }
        if (expected.contains(Token.EOF)) {
            items.add(word(parser, Token.EOF));
        }
        return join(items);
    }

    /** How the token that was found is named in a message: {@code 'foo'} or "end of file". */
    static String found(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of file";
        }
        String text = token.getText();
        return "'" + (text.length() > 24 ? text.substring(0, 24) + "..." : text) + "'";
    }

    private static String namePhrase(RuleContext context) {
        for (RuleContext c = context; c != null; c = c.parent) {
            String phrase = NAME_PHRASES.get(c.getRuleIndex());
            if (phrase != null) {
                return phrase;
            }
        }
        return "a name";
    }

    private static boolean inImport(RuleContext context) {
        return context != null && context.getRuleIndex() == QuicParser.RULE_importDecl;
    }

    private static boolean isKeyword(int type) {
        return type >= QuicParser.PACKAGE && type <= QuicParser.MAP;
    }

    private static String word(Parser parser, int type) {
        String word = TOKEN_WORDS.get(type);
        return word != null ? word : parser.getVocabulary().getLiteralName(type);
    }

    private static String join(List<String> items) {
        if (items.isEmpty()) {
            return "nothing";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
