package io.quicidl.idl.lint;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.EnumValue;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.model.Service;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lint rules over one linked file, each a {@link DiagnosticCode} in the 5xx range
 * (docs/LANGUAGE.md §10): the naming conventions of §6, doc comments on services and rpcs,
 * the name of an enum's zero value, and {@code @idempotent} where it has no effect.
 */
final class LintRules {

    private static final Pattern UPPER_CAMEL = Pattern.compile("[A-Z][a-zA-Z0-9]*");
    private static final Pattern LOWER_SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    private static final Pattern ZERO_VALUE = Pattern.compile("(.+_)?(UNKNOWN|UNSPECIFIED)");

    private final Diagnostics findings = new Diagnostics();

    private LintRules() {}

    static List<Diagnostic> check(SchemaFile file) {
        LintRules rules = new LintRules();
        file.types().forEach(rules::type);
        file.services().forEach(rules::service);
        return rules.findings.all();
    }

    private void type(NamedType type) {
        String kind = type instanceof MessageType ? "message" : type instanceof EnumType ? "enum" : "error";
        if (!UPPER_CAMEL.matcher(type.name()).matches()) {
            findings.report(
                    DiagnosticCode.TYPE_NAME_CASE,
                    type.location(),
                    kind + " name '" + type.name() + "' is not UpperCamelCase");
        }
        if (type instanceof MessageType m) {
            fields(m.fields());
            m.nestedTypes().forEach(this::type);
        } else if (type instanceof ErrorType e) {
            fields(e.fields());
        } else {
            enumValues((EnumType) type);
        }
    }

    private void fields(List<Field> fields) {
        for (Field field : fields) {
            if (!LOWER_SNAKE.matcher(field.name()).matches()) {
                findings.report(
                        DiagnosticCode.FIELD_NAME_CASE,
                        field.location(),
                        "field name '" + field.name() + "' is not lower_snake_case");
            }
        }
    }

    private void enumValues(EnumType type) {
        for (EnumValue value : type.values()) {
            if (!UPPER_SNAKE.matcher(value.name()).matches()) {
                findings.report(
                        DiagnosticCode.ENUM_VALUE_NAME_CASE,
                        value.location(),
                        "enum value '" + value.name() + "' is not UPPER_SNAKE_CASE");
            } else if (value.number() == 0 && !ZERO_VALUE.matcher(value.name()).matches()) {
                findings.report(
                        DiagnosticCode.ENUM_ZERO_VALUE_NAME,
                        value.location(),
                        "zero value '" + value.name() + "' of enum '" + type.name()
                                + "' names a real state, but it is also what an unset field reads as",
                        "name it UNKNOWN, UNSPECIFIED, or with one of those as its last word");
            }
        }
    }

    private void service(Service service) {
        if (!UPPER_CAMEL.matcher(service.name()).matches()) {
            findings.report(
                    DiagnosticCode.TYPE_NAME_CASE,
                    service.location(),
                    "service name '" + service.name() + "' is not UpperCamelCase");
        }
        if (service.doc().isBlank()) {
            findings.report(
                    DiagnosticCode.SERVICE_WITHOUT_DOC,
                    service.location(),
                    "service '" + service.name() + "' has no doc comment",
                    "add a /// line above it; it becomes the Javadoc of the generated client and server");
        }
        service.rpcs().forEach(this::rpc);
    }

    private void rpc(Rpc rpc) {
        if (!LOWER_SNAKE.matcher(rpc.name()).matches()) {
            findings.report(
                    DiagnosticCode.RPC_NAME_CASE,
                    rpc.location(),
                    "rpc name '" + rpc.name() + "' is not lower_snake_case");
        }
        if (rpc.doc().isBlank()) {
            findings.report(
                    DiagnosticCode.RPC_WITHOUT_DOC,
                    rpc.location(),
                    "rpc '" + rpc.name() + "' has no doc comment",
                    "add a /// line above its annotations; it becomes the Javadoc of the stub methods");
        }
        if (rpc.modifiers().idempotent() && rpc.clientStreaming()) {
            findings.report(
                    DiagnosticCode.IDEMPOTENT_NOT_APPLICABLE,
                    rpc.location(),
                    "@idempotent has no effect on @" + rpc.pattern().annotationName() + " rpc '" + rpc.name()
                            + "': only a call with a single request may be sent as 0-RTT early data",
                    "remove @idempotent");
        }
    }
}
