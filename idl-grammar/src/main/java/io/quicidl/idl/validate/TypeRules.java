package io.quicidl.idl.validate;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.link.JavaNames;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.EnumValue;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.ReservedRange;
import io.quicidl.idl.model.ScalarType;
import io.quicidl.idl.model.TypeRef;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rules for messages, errors and enums: their names, fields and values. */
final class TypeRules {

    /** The constant generated Java enums add for numbers this schema does not know. */
    private static final String UNRECOGNIZED = "UNRECOGNIZED";

    private final Diagnostics diagnostics;

    TypeRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void checkTypeName(String kind, String name, SourceLocation location) {
        if (JavaNames.isReservedForTypes(name)) {
            diagnostics.report(
                    DiagnosticCode.JAVA_KEYWORD_TYPE_NAME,
                    location,
                    kind + " name '" + name + "' is a Java keyword and cannot name a class",
                    "type names are PascalCase, e.g. '" + JavaNames.pascalCase(name) + "Type'");
        } else if (ScalarType.bySchemaName(name).isPresent()) {
            // References to it would always mean the scalar.
            diagnostics.report(
                    DiagnosticCode.TYPE_NAMED_LIKE_SCALAR,
                    location,
                    kind + " name '" + name + "' is the name of a scalar type, so nothing could refer to it",
                    "type names are PascalCase, e.g. '" + JavaNames.pascalCase(name) + "Value'");
        }
    }

    void checkNotNamedLikeEnclosing(NamedType type, List<MessageType> enclosing) {
        for (MessageType outer : enclosing) {
            if (outer.javaName().simpleName().equals(type.javaName().simpleName())) {
                diagnostics.report(
                        DiagnosticCode.NESTED_NAME_EQUALS_PARENT,
                        type.location(),
                        "nested type '" + type.name() + "' has the name of its enclosing message '" + outer.name()
                                + "'",
                        "Java forbids a nested class named like an enclosing class; rename it");
                return;
            }
        }
    }

    void checkFields(
            String kind, String owner, List<Field> fields, List<ReservedRange> reserved, List<String> reservedNames) {
        Map<String, Field> byName = new HashMap<>();
        Map<Integer, Field> byNumber = new HashMap<>();
        Map<String, Field> byJavaName = new HashMap<>();
        for (Field f : fields) {
            Field sameName = byName.putIfAbsent(f.name(), f);
            if (sameName != null) {
                diagnostics.report(
                        DiagnosticCode.DUPLICATE_FIELD_NAME,
                        f.location(),
                        "field '" + f.name() + "' is already declared in " + kind + " '" + owner + "' at "
                                + sameName.location());
                continue;
            }
            Field sameNumber = byNumber.putIfAbsent(f.number(), f);
            if (sameNumber != null) {
                diagnostics.report(
                        DiagnosticCode.DUPLICATE_FIELD_NUMBER,
                        f.location(),
                        "field '" + f.name() + "' has number " + f.number() + ", already used by field '"
                                + sameNumber.name() + "'",
                        "the next free number is " + nextFree(byNumber, reserved));
            }
            Field sameJava = byJavaName.putIfAbsent(f.javaName(), f);
            if (sameJava != null) {
                diagnostics.report(
                        DiagnosticCode.JAVA_NAME_CLASH,
                        f.location(),
                        "fields '" + sameJava.name() + "' and '" + f.name() + "' both become '" + f.javaName()
                                + "' in Java",
                        "rename one of them");
            }
            checkReserved("field", f.name(), f.number(), f.location(), reserved, reservedNames);
            checkContainers(f);
        }
    }

    void checkEnum(EnumType e) {
        Map<String, EnumValue> byName = new HashMap<>();
        Map<Integer, EnumValue> byNumber = new HashMap<>();
        Map<String, EnumValue> byJavaName = new HashMap<>();
        for (EnumValue v : e.values()) {
            EnumValue sameName = byName.putIfAbsent(v.name(), v);
            if (sameName != null) {
                diagnostics.report(
                        DiagnosticCode.DUPLICATE_ENUM_VALUE_NAME,
                        v.location(),
                        "enum value '" + v.name() + "' is already declared in enum '" + e.name() + "' at "
                                + sameName.location());
                continue;
            }
            EnumValue sameNumber = byNumber.putIfAbsent(v.number(), v);
            if (sameNumber != null) {
                diagnostics.report(
                        DiagnosticCode.DUPLICATE_ENUM_VALUE_NUMBER,
                        v.location(),
                        "enum value '" + v.name() + "' has number " + v.number() + ", already used by '"
                                + sameNumber.name() + "'");
            }
            EnumValue sameJava = byJavaName.putIfAbsent(v.javaName(), v);
            if (sameJava != null) {
                diagnostics.report(
                        DiagnosticCode.JAVA_NAME_CLASH,
                        v.location(),
                        "enum values '" + sameJava.name() + "' and '" + v.name() + "' both become '" + v.javaName()
                                + "' in Java",
                        "rename one of them");
            }
            if (v.javaName().equals(UNRECOGNIZED)) {
                diagnostics.report(
                        DiagnosticCode.JAVA_NAME_CLASH,
                        v.location(),
                        "enum value '" + v.name() + "' clashes with the constant generated for unknown numbers",
                        "rename it");
            }
            checkReserved("enum value", v.name(), v.number(), v.location(), e.reservedNumbers(), e.reservedNames());
        }
        if (!byNumber.containsKey(0)) {
            String prefix = e.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            diagnostics.report(
                    DiagnosticCode.ENUM_WITHOUT_ZERO,
                    e.location(),
                    "enum '" + e.name() + "' has no value numbered 0",
                    "add a first value such as '" + prefix + "_UNSPECIFIED = 0;' (0 is the value of an unset field)");
        }
    }

    private void checkReserved(
            String kind,
            String name,
            int number,
            SourceLocation location,
            List<ReservedRange> reserved,
            List<String> reservedNames) {
        for (ReservedRange range : reserved) {
            if (range.contains(number)) {
                diagnostics.report(
                        DiagnosticCode.RESERVED_NUMBER_USED,
                        location,
                        kind + " '" + name + "' uses reserved number " + number,
                        "reserved numbers belonged to removed " + kind + "s; pick another number");
                break;
            }
        }
        if (reservedNames.contains(name)) {
            diagnostics.report(
                    DiagnosticCode.RESERVED_NAME_USED,
                    location,
                    kind + " name '" + name + "' is reserved",
                    "pick another name");
        }
    }

    /**
     * Only shapes protobuf can encode: optional and list elements and map values are a
     * scalar, message or enum; map keys an integral scalar, string or bool.
     */
    private void checkContainers(Field f) {
        TypeRef type = f.type();
        String where = "field '" + f.name() + "': ";
        if (type instanceof TypeRef.OptionalRef o && !isPlain(o.element())) {
            diagnostics.report(
                    DiagnosticCode.UNSUPPORTED_NESTED_CONTAINER,
                    f.location(),
                    where + "'" + type.schemaText() + "' is not supported; optional takes a scalar, message or enum",
                    o.element() instanceof TypeRef.OptionalRef
                            ? "write 'optional' once"
                            : "an empty list or map already means absent; drop 'optional'");
        } else if (type instanceof TypeRef.ListRef l && !isPlain(l.element())) {
            diagnostics.report(
                    DiagnosticCode.UNSUPPORTED_NESTED_CONTAINER,
                    f.location(),
                    where + "'" + type.schemaText()
                            + "' is not supported; list elements are scalars, messages or enums",
                    "wrap the inner type in a message");
        } else if (type instanceof TypeRef.MapRef m) {
            boolean validKey =
                    m.key() instanceof TypeRef.ScalarRef s && s.scalar().isValidMapKey();
            if (!validKey) {
                diagnostics.report(
                        DiagnosticCode.INVALID_MAP_KEY,
                        f.location(),
                        where + "map key type '" + m.key().schemaText() + "' is not allowed",
                        "map keys are integral types, string or bool");
            }
            if (!isPlain(m.value())) {
                diagnostics.report(
                        DiagnosticCode.UNSUPPORTED_NESTED_CONTAINER,
                        f.location(),
                        where + "'" + type.schemaText()
                                + "' is not supported; map values are scalars, messages or enums",
                        "wrap the value type in a message");
            }
        }
    }

    private static boolean isPlain(TypeRef type) {
        return type instanceof TypeRef.ScalarRef
                || type instanceof TypeRef.MessageRef
                || type instanceof TypeRef.EnumRef;
    }

    private static int nextFree(Map<Integer, Field> used, List<ReservedRange> reserved) {
        int candidate = 1;
        while (used.containsKey(candidate) || isReserved(candidate, reserved)) {
            candidate++;
        }
        return candidate;
    }

    private static boolean isReserved(int number, List<ReservedRange> reserved) {
        return reserved.stream().anyMatch(r -> r.contains(number));
    }
}
