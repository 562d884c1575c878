package io.quicidl.idl.validate;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.Service;
import java.util.HashMap;
import java.util.Map;

/**
 * Two schema names must not become the same Java class: for example {@code a.Foo} and
 * {@code b.Foo} with the same {@code java_package}, or {@code foo_bar} and {@code FooBar}.
 */
final class JavaClassNames {

    private record Declared(String fullName, SourceLocation location) {}

    private final Diagnostics diagnostics;
    private final Map<String, Declared> byClassName = new HashMap<>();

    JavaClassNames(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void validate(Schema schema) {
        for (NamedType type : schema.types()) {
            check(type.javaName().canonicalName(), new Declared(type.fullName(), type.location()));
        }
        for (Service service : schema.services()) {
            check(service.javaName().canonicalName(), new Declared(service.fullName(), service.location()));
        }
    }

    private void check(String className, Declared declared) {
        Declared first = byClassName.putIfAbsent(className, declared);
        if (first != null) {
            diagnostics.report(
                    DiagnosticCode.JAVA_NAME_CLASH,
                    declared.location(),
                    "'" + first.fullName() + "' and '" + declared.fullName() + "' both become Java class '" + className
                            + "'",
                    "rename one, or give one file its own option java_package");
        }
    }
}
