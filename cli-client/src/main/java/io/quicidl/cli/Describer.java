package io.quicidl.cli;

import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.ErrorRef;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.RpcModifiers;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.Service;
import io.quicidl.idl.model.TypeRef;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
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
        List<String> types = new ArrayList<>();
        types.add(rpc.request().fullName());
        rpc.response().ifPresent(r -> types.add(r.fullName()));
        rpc.errors().stream().map(ErrorRef::fullName).forEach(types::add);
        for (String name : types.stream().distinct().toList()) {
            out.println();
            schema.type(name).ifPresent(this::type);
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

    /** The JSON name, where it differs from the schema name. */
    private static String jsonName(Field field) {
        String json = lowerCamel(field.name());
        String note = field.type() instanceof TypeRef.ScalarRef s && isLong(s) ? ", a string in JSON" : "";
        if (json.equals(field.name()) && note.isEmpty()) {
            return "";
        }
        return "  // JSON \"" + json + "\"" + note;
    }

    private static boolean isLong(TypeRef.ScalarRef scalar) {
        return switch (scalar.scalar()) {
            case INT64, UINT64, SINT64, FIXED64 -> true;
            default -> false;
        };
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
