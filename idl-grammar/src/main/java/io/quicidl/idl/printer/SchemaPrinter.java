package io.quicidl.idl.printer;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link FileElement} back to {@code .quic} text. Parsing the output gives the
 * same elements (locations aside), doc comments included; ordinary comments are not
 * elements and so are not printed. To lay out a file without losing them, use
 * {@link io.quicidl.idl.parser.SchemaFormatter}.
 */
public final class SchemaPrinter {

    private final StringBuilder out = new StringBuilder();
    private int depth;

    private SchemaPrinter() {}

    public static String print(FileElement file) {
        SchemaPrinter printer = new SchemaPrinter();
        printer.file(file);
        return printer.out.toString();
    }

    private void file(FileElement file) {
        for (PackageElement p : file.packages()) {
            line("package " + p.name() + ";");
        }
        for (OptionElement o : file.options()) {
            line("option " + o.name() + " = " + constant(o.value()) + ";");
        }
        if (!file.imports().isEmpty()) {
            blankLine();
            for (ImportElement i : file.imports()) {
                line("import \"" + i.path() + "\";");
            }
        }
        for (TypeElement type : file.types()) {
            blankLine();
            type(type);
        }
        for (ServiceElement service : file.services()) {
            blankLine();
            service(service);
        }
    }

    private void type(TypeElement type) {
        doc(type.doc());
        if (type instanceof MessageElement m) {
            open("message " + m.name());
            m.fields().forEach(this::field);
            m.reserved().forEach(this::reserved);
            m.nestedTypes().forEach(this::type);
        } else if (type instanceof ErrorElement e) {
            open("error " + e.name());
            e.fields().forEach(this::field);
            e.reserved().forEach(this::reserved);
        } else {
            EnumElement e = (EnumElement) type;
            open("enum " + e.name());
            for (EnumConstantElement c : e.constants()) {
                doc(c.doc());
                line(c.name() + " = " + c.number() + ";");
            }
            e.reserved().forEach(this::reserved);
        }
        close();
    }

    private void field(FieldElement field) {
        doc(field.doc());
        line(typeRef(field.type()) + " " + field.name() + " = " + field.number() + ";");
    }

    private void reserved(ReservedElement reserved) {
        List<String> items = new ArrayList<>();
        for (ReservedElement.Range r : reserved.ranges()) {
            if (r.toMax()) {
                items.add(r.start() + " to max");
            } else if (r.start() == r.end()) {
                items.add(Long.toString(r.start()));
            } else {
                items.add(r.start() + " to " + r.end());
            }
        }
        reserved.names().forEach(name -> items.add("\"" + name + "\""));
        line("reserved " + String.join(", ", items) + ";");
    }

    private void service(ServiceElement service) {
        doc(service.doc());
        open("service " + service.name());
        for (RpcElement rpc : service.rpcs()) {
            rpc(rpc);
        }
        close();
    }

    private void rpc(RpcElement rpc) {
        doc(rpc.doc());
        if (!rpc.annotations().isEmpty()) {
            line(String.join(
                    " ",
                    rpc.annotations().stream().map(SchemaPrinter::annotation).toList()));
        }
        StringBuilder text = new StringBuilder("rpc ").append(rpc.name()).append('(');
        text.append(rpc.requestStreaming() ? "stream " : "")
                .append(rpc.request().name())
                .append(')');
        rpc.response()
                .ifPresent(response -> text.append(" returns (")
                        .append(rpc.responseStreaming() ? "stream " : "")
                        .append(response.name())
                        .append(')'));
        if (!rpc.throwsList().isEmpty()) {
            text.append(" throws ")
                    .append(String.join(
                            ", ",
                            rpc.throwsList().stream()
                                    .map(TypeRefElement.NamedTypeElement::name)
                                    .toList()));
        }
        line(text.append(';').toString());
    }

    private static String annotation(AnnotationElement annotation) {
        if (annotation.arguments().isEmpty()) {
            return "@" + annotation.name();
        }
        List<String> arguments = annotation.arguments().stream()
                .map(a -> a.name().map(n -> n + " = ").orElse("") + constant(a.value()))
                .toList();
        return "@" + annotation.name() + "(" + String.join(", ", arguments) + ")";
    }

    private static String typeRef(TypeRefElement type) {
        if (type instanceof TypeRefElement.OptionalTypeElement o) {
            return "optional " + typeRef(o.element());
        }
        if (type instanceof TypeRefElement.ListTypeElement l) {
            return "list<" + typeRef(l.element()) + ">";
        }
        if (type instanceof TypeRefElement.MapTypeElement m) {
            return "map<" + typeRef(m.key()) + ", " + typeRef(m.value()) + ">";
        }
        return ((TypeRefElement.NamedTypeElement) type).name();
    }

    private static String constant(ConstantElement constant) {
        if (constant instanceof ConstantElement.NumberConstant n) {
            return Long.toString(n.value());
        }
        if (constant instanceof ConstantElement.NameConstant n) {
            return n.name();
        }
        return "\"" + ((ConstantElement.StringConstant) constant).value() + "\"";
    }

    private void doc(String doc) {
        if (doc.isEmpty()) {
            return;
        }
        for (String docLine : doc.split("\n", -1)) {
            line(docLine.isEmpty() ? "///" : "/// " + docLine);
        }
    }

    private void open(String header) {
        line(header + " {");
        depth++;
    }

    private void close() {
        depth--;
        line("}");
    }

    private void blankLine() {
        if (out.length() > 0) {
            out.append('\n');
        }
    }

    private void line(String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }
}
