package io.quicidl.cli;

import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.ErrorRef;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.RpcModifiers;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.Service;
import io.quicidl.idl.model.TypeRef;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Prints a service or a method in the schema language, with the message types a method uses. */
final class Describer {
    private final PrintStream out;

    Describer(PrintStream out) {
        this.out = out;
    }

    void service(Service service, String schemaFile) {
        out.println("// " + schemaFile);
        out.println("service " + service.fullName() + " {");
        for (Rpc rpc : service.rpcs()) {
            out.println("  " + signature(rpc));
        }
        out.println("}");
    }

    void method(Rpc rpc, Schema schema) {
        out.println("// " + rpc.path());
        out.println(signature(rpc));
        // The method's own types, then every type their fields use, each once.
        Set<String> types = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(rpc.request().fullName());
        rpc.response().ifPresent(r -> todo.add(r.fullName()));
        rpc.errors().stream().map(ErrorRef::fullName).forEach(todo::add);
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (types.add(name)) {
                schema.type(name).ifPresent(type -> fields(type).forEach(f -> referenced(f.type(), todo)));
            }
        }
        for (String name : types) {
            out.println();
            schema.type(name).ifPresent(this::type);
        }
    }

    private static List<Field> fields(NamedType type) {
        if (type instanceof MessageType m) {
            return m.fields();
        }
        return type instanceof ErrorType e ? e.fields() : List.of();
    }

    private static void referenced(TypeRef type, Deque<String> todo) {
        if (type instanceof TypeRef.MessageRef m) {
            todo.add(m.fullName());
        } else if (type instanceof TypeRef.EnumRef e) {
            todo.add(e.fullName());
        } else if (type instanceof TypeRef.OptionalRef o) {
            referenced(o.element(), todo);
        } else if (type instanceof TypeRef.ListRef l) {
            referenced(l.element(), todo);
        } else if (type instanceof TypeRef.MapRef m) {
            referenced(m.key(), todo);
            referenced(m.value(), todo);
        }
    }

    private void type(NamedType type) {
        if (type instanceof EnumType e) {
            out.println("enum " + e.fullName() + " {");
            e.values().forEach(v -> out.println("  " + v.name() + " = " + v.number() + ";"));
        } else {
            String kind = type instanceof MessageType ? "message " : "error ";
            List<Field> fields =
                    type instanceof MessageType m ? m.fields() : ((io.quicidl.idl.model.ErrorType) type).fields();
            out.println(kind + type.fullName() + " {");
            for (Field field : fields) {
                out.println("  " + field.type().schemaText() + " " + field.name() + " = " + field.number() + ";"
                        + jsonName(field));
            }
        }
        out.println("}");
    }

    /** How the field looks in JSON where that is not obvious: its lowerCamel name, strings for 64-bit numbers, base64. */
    private static String jsonName(Field field) {
        List<String> notes = new ArrayList<>();
        String json = lowerCamel(field.name());
        if (!json.equals(field.name())) {
            notes.add("JSON \"" + json + "\"");
        }
        TypeRef element = field.type() instanceof TypeRef.OptionalRef o
                ? o.element()
                : field.type() instanceof TypeRef.ListRef l ? l.element() : field.type();
        if (element instanceof TypeRef.ScalarRef scalar) {
            switch (scalar.scalar()) {
                case INT64, UINT64, SINT64, FIXED64 -> notes.add("a string in JSON");
                case BYTES -> notes.add("base64 in JSON");
                default -> {}
            }
        }
        return notes.isEmpty() ? "" : "  // " + String.join(", ", notes);
    }

    private static String lowerCamel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    static String signature(Rpc rpc) {
        RpcModifiers modifiers = rpc.modifiers();
        StringBuilder line = new StringBuilder("@").append(rpc.pattern().annotationName());
        modifiers
                .realtimeMaxAgeMs()
                .ifPresent(ms -> line.append("(max_age_ms = ").append(ms).append(')'));
        if (modifiers.idempotent()) {
            line.append(" @idempotent");
        }
        modifiers
                .deadlineMs()
                .ifPresent(ms -> line.append(" @deadline(ms = ").append(ms).append(')'));
        modifiers
                .maxMessageBytes()
                .ifPresent(b -> line.append(" @max_message_bytes(").append(b).append(')'));
        line.append(" rpc ").append(rpc.name()).append('(');
        line.append(rpc.clientStreaming() ? "stream " : "")
                .append(rpc.request().fullName())
                .append(')');
        rpc.response()
                .ifPresent(r -> line.append(" returns (")
                        .append(rpc.serverStreaming() ? "stream " : "")
                        .append(r.fullName())
                        .append(')'));
        if (!rpc.errors().isEmpty()) {
            line.append(" throws ")
                    .append(rpc.errors().stream().map(ErrorRef::fullName).collect(Collectors.joining(", ")));
        }
        return line.append(';').toString();
    }
}
