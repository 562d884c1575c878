package io.quicidl.idl.parser;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.element.AnnotationElement;
import io.quicidl.idl.element.ConstantElement;
import io.quicidl.idl.element.EnumConstantElement;
import io.quicidl.idl.element.EnumElement;
import io.quicidl.idl.element.ErrorElement;
import io.quicidl.idl.element.FieldElement;
import io.quicidl.idl.element.FileElement;
import io.quicidl.idl.element.ImportElement;
import io.quicidl.idl.element.MessageElement;
import io.quicidl.idl.element.OptionElement;
import io.quicidl.idl.element.PackageElement;
import io.quicidl.idl.element.ReservedElement;
import io.quicidl.idl.element.RpcElement;
import io.quicidl.idl.element.ServiceElement;
import io.quicidl.idl.element.TypeElement;
import io.quicidl.idl.element.TypeRefElement;
import io.quicidl.idl.element.TypeRefElement.NamedTypeElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Turns a parse tree into syntax records ({@link FileElement} and below). */
final class ElementBuilder {

    private final String path;
    private final BufferedTokenStream tokens;

    ElementBuilder(String path, BufferedTokenStream tokens) {
        this.path = path;
        this.tokens = tokens;
    }

    FileElement file(QuicParser.FileContext ctx) {
        List<PackageElement> packages = new ArrayList<>();
        List<OptionElement> options = new ArrayList<>();
        List<ImportElement> imports = new ArrayList<>();
        List<TypeElement> types = new ArrayList<>();
        List<ServiceElement> services = new ArrayList<>();
        for (QuicParser.StatementContext s : ctx.statement()) {
            if (s.packageDecl() != null) {
                packages.add(new PackageElement(
                        location(s.packageDecl()), s.packageDecl().packageName().getText()));
            } else if (s.optionDecl() != null) {
                QuicParser.OptionDeclContext o = s.optionDecl();
                options.add(new OptionElement(location(o), o.optionName().getText(), constant(o.constant())));
            } else if (s.importDecl() != null) {
                imports.add(new ImportElement(
                        location(s.importDecl()),
                        unquote(s.importDecl().STRING().getSymbol())));
            } else if (s.messageDecl() != null) {
                types.add(message(s.messageDecl()));
            } else if (s.enumDecl() != null) {
                types.add(enumType(s.enumDecl()));
            } else if (s.errorDecl() != null) {
                types.add(error(s.errorDecl()));
            } else {
                services.add(service(s.serviceDecl()));
            }
        }
        return new FileElement(path, packages, options, imports, types, services);
    }

    private MessageElement message(QuicParser.MessageDeclContext ctx) {
        List<FieldElement> fields = new ArrayList<>();
        List<ReservedElement> reserved = new ArrayList<>();
        List<TypeElement> nested = new ArrayList<>();
        for (QuicParser.MessageMemberContext m : ctx.messageBody().messageMember()) {
            if (m.field() != null) {
                fields.add(field(m.field()));
            } else if (m.reserved() != null) {
                reserved.add(reserved(m.reserved()));
            } else if (m.messageDecl() != null) {
                nested.add(message(m.messageDecl()));
            } else {
                nested.add(enumType(m.enumDecl()));
            }
        }
        return new MessageElement(location(ctx), doc(ctx), ctx.IDENT().getText(), fields, reserved, nested);
    }

    private ErrorElement error(QuicParser.ErrorDeclContext ctx) {
        List<FieldElement> fields = new ArrayList<>();
        List<ReservedElement> reserved = new ArrayList<>();
        for (QuicParser.ErrorMemberContext m : ctx.errorBody().errorMember()) {
            if (m.field() != null) {
                fields.add(field(m.field()));
            } else {
                reserved.add(reserved(m.reserved()));
            }
        }
        return new ErrorElement(location(ctx), doc(ctx), ctx.IDENT().getText(), fields, reserved);
    }

    private EnumElement enumType(QuicParser.EnumDeclContext ctx) {
        List<EnumConstantElement> constants = new ArrayList<>();
        List<ReservedElement> reserved = new ArrayList<>();
        for (QuicParser.EnumMemberContext m : ctx.enumBody().enumMember()) {
            if (m.enumValue() != null) {
                QuicParser.EnumValueContext v = m.enumValue();
                constants.add(new EnumConstantElement(
                        location(v), doc(v), v.identifier().getText(), number(v.intLiteral())));
            } else {
                reserved.add(reserved(m.reserved()));
            }
        }
        return new EnumElement(location(ctx), doc(ctx), ctx.IDENT().getText(), constants, reserved);
    }

    private FieldElement field(QuicParser.FieldContext ctx) {
        return new FieldElement(
                location(ctx), doc(ctx), type(ctx.fieldType()), ctx.identifier().getText(), number(ctx.intLiteral()));
    }

    private TypeRefElement type(QuicParser.FieldTypeContext ctx) {
        SourceLocation location = location(ctx);
        if (ctx instanceof QuicParser.OptionalTypeContext o) {
            return new TypeRefElement.OptionalTypeElement(location, type(o.fieldType()));
        }
        if (ctx instanceof QuicParser.ListTypeContext l) {
            return new TypeRefElement.ListTypeElement(location, type(l.fieldType()));
        }
        if (ctx instanceof QuicParser.MapTypeContext m) {
            return new TypeRefElement.MapTypeElement(location, type(m.fieldType(0)), type(m.fieldType(1)));
        }
        return typeName(((QuicParser.NamedTypeContext) ctx).typeName());
    }

    private NamedTypeElement typeName(QuicParser.TypeNameContext ctx) {
        return new NamedTypeElement(location(ctx), ctx.getText());
    }

    private ReservedElement reserved(QuicParser.ReservedContext ctx) {
        List<ReservedElement.Range> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (QuicParser.ReservedItemContext item : ctx.reservedItem()) {
            if (item instanceof QuicParser.ReservedNameContext n) {
                names.add(unquote(n.STRING().getSymbol()));
            } else {
                QuicParser.ReservedNumbersContext r = (QuicParser.ReservedNumbersContext) item;
                long start = number(r.intLiteral(0));
                boolean toMax = r.MAX() != null;
                long end = r.intLiteral().size() == 2 ? number(r.intLiteral(1)) : start;
                ranges.add(new ReservedElement.Range(start, end, toMax));
            }
        }
        return new ReservedElement(location(ctx), ranges, names);
    }

    private ServiceElement service(QuicParser.ServiceDeclContext ctx) {
        List<RpcElement> rpcs =
                ctx.serviceBody().rpcDecl().stream().map(this::rpc).toList();
        return new ServiceElement(location(ctx), doc(ctx), ctx.IDENT().getText(), rpcs);
    }

    private RpcElement rpc(QuicParser.RpcDeclContext ctx) {
        List<AnnotationElement> annotations =
                ctx.annotation().stream().map(this::annotation).toList();
        QuicParser.RpcResponseContext response = ctx.rpcResponse();
        List<NamedTypeElement> throwsList = ctx.rpcThrows() == null
                ? List.of()
                : ctx.rpcThrows().typeName().stream().map(this::typeName).toList();
        return new RpcElement(
                location(ctx.RPC().getSymbol()),
                rpcDoc(ctx),
                annotations,
                ctx.identifier().getText(),
                typeName(ctx.rpcRequest().typeName()),
                ctx.rpcRequest().STREAM() != null,
                Optional.ofNullable(response).map(r -> typeName(r.typeName())),
                response != null && response.STREAM() != null,
                throwsList);
    }

    private AnnotationElement annotation(QuicParser.AnnotationContext ctx) {
        List<AnnotationElement.Argument> arguments = new ArrayList<>();
        if (ctx.annotationArgs() != null) {
            for (QuicParser.AnnotationArgContext a : ctx.annotationArgs().annotationArg()) {
                Optional<String> name = Optional.ofNullable(a.identifier()).map(ParserRuleContext::getText);
                QuicParser.AnnotationValueContext value = a.annotationValue();
                ConstantElement constant = value.constant() != null
                        ? constant(value.constant())
                        : new ConstantElement.NameConstant(value.identifier().getText());
                arguments.add(new AnnotationElement.Argument(location(a), name, constant));
            }
        }
        return new AnnotationElement(location(ctx), ctx.identifier().getText(), arguments);
    }

    private ConstantElement constant(QuicParser.ConstantContext ctx) {
        if (ctx.STRING() != null) {
            return new ConstantElement.StringConstant(unquote(ctx.STRING().getSymbol()));
        }
        return new ConstantElement.NumberConstant(number(ctx.intLiteral()));
    }

    private long number(QuicParser.IntLiteralContext ctx) {
        String text = ctx.getText();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new SyntaxError(new Diagnostic(
                    DiagnosticCode.NUMBER_TOO_LARGE,
                    location(ctx),
                    "number " + text + " does not fit in 64 bits",
                    Optional.empty()));
        }
    }

    private static String unquote(Token string) {
        String text = string.getText();
        return text.substring(1, text.length() - 1);
    }

    /**
     * The {@code ///} lines directly above {@code ctx}. A doc comment that trails the
     * previous declaration on its line ({@code int32 a = 1; /// about a}) belongs to it,
     * not to what follows, so it is dropped.
     */
    private String doc(ParserRuleContext ctx) {
        return docBefore(ctx.getStart());
    }

    /**
     * An rpc's doc comment: the {@code ///} lines above it, and those between its annotations
     * and the {@code rpc} keyword, where a reader would also take them for the rpc's.
     */
    private String rpcDoc(QuicParser.RpcDeclContext ctx) {
        List<String> parts = new ArrayList<>();
        parts.add(doc(ctx));
        List<QuicParser.AnnotationContext> annotations = ctx.annotation();
        for (int i = 1; i < annotations.size(); i++) {
            parts.add(doc(annotations.get(i)));
        }
        if (!annotations.isEmpty()) {
            parts.add(docBefore(ctx.RPC().getSymbol()));
        }
        return String.join("\n", parts.stream().filter(part -> !part.isEmpty()).toList());
    }

    private String docBefore(Token start) {
        List<Token> hidden = tokens.getHiddenTokensToLeft(start.getTokenIndex(), Token.HIDDEN_CHANNEL);
        if (hidden == null) {
            return "";
        }
        int previousIndex = hidden.get(0).getTokenIndex() - 1;
        Token previous = previousIndex >= 0 ? tokens.get(previousIndex) : null;
        boolean previousEndsDeclaration =
                previous != null && (previous.getType() == QuicParser.SEMI || previous.getType() == QuicParser.RBRACE);
        List<String> lines = new ArrayList<>();
        for (Token comment : hidden) {
            if (comment.getType() != QuicLexer.DOC_COMMENT
                    || previousEndsDeclaration && comment.getLine() == previous.getLine()) {
                continue;
            }
            String text = comment.getText().substring(3);
            // Trailing blanks are not content; the formatter drops them too.
            lines.add((text.startsWith(" ") ? text.substring(1) : text).stripTrailing());
        }
        return String.join("\n", lines);
    }

    private SourceLocation location(ParserRuleContext ctx) {
        return location(ctx.getStart());
    }

    private SourceLocation location(Token token) {
        return new SourceLocation(path, token.getLine(), token.getCharPositionInLine() + 1);
    }
}
