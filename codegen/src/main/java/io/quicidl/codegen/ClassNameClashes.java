package io.quicidl.codegen;

import io.quicidl.codegen.java.JavaGenerator;
import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds top-level classes that two declarations would both generate in one Java package: a
 * service {@code Chat} generates {@code ChatClient}, so a message {@code ChatClient} beside it
 * cannot exist. The front end checks declared names; this adds the names only code generation
 * knows. Reported as {@code JAVA_NAME_CLASH}.
 */
final class ClassNameClashes {

    private record Owner(String description, SourceLocation location, boolean requested) {}

    private final Map<String, Owner> owners = new HashMap<>();
    private final List<Diagnostic> clashes = new ArrayList<>();

    static List<Diagnostic> find(Schema schema) {
        ClassNameClashes check = new ClassNameClashes();
        for (SchemaFile file : schema.files()) {
            for (NamedType type : file.types()) {
                check.claim(
                        file.javaPackage(),
                        type.javaName().simpleName(),
                        new Owner(kind(type) + " '" + type.fullName() + "'", type.location(), file.requested()));
            }
        }
        for (SchemaFile file : schema.files()) {
            for (Service service : file.services()) {
                for (String name : JavaGenerator.serviceClassNames(service)) {
                    check.claim(
                            file.javaPackage(),
                            name,
                            new Owner("service '" + service.fullName() + "'", service.location(), file.requested()));
                }
            }
        }
        return check.clashes;
    }

    private void claim(String javaPackage, String simpleName, Owner owner) {
        String key = javaPackage + "." + simpleName;
        Owner first = owners.putIfAbsent(key, owner);
        if (first == null
                || first.description().equals(owner.description())
                || !(first.requested() || owner.requested())) {
            return;
        }
        clashes.add(new Diagnostic(
                DiagnosticCode.JAVA_NAME_CLASH,
                owner.location(),
                owner.description() + " generates class '" + key + "', which clashes with " + first.description()
                        + " at " + first.location(),
                Optional.of("rename one of them")));
    }

    private static String kind(NamedType type) {
        if (type instanceof MessageType) {
            return "message";
        }
        return type instanceof EnumType ? "enum" : "error";
    }

    static Set<String> topLevelNames(Schema schema, String javaPackage) {
        Set<String> names = new LinkedHashSet<>();
        for (SchemaFile file : schema.files()) {
            if (file.javaPackage().equals(javaPackage)) {
                file.types().forEach(t -> names.add(t.javaName().simpleName()));
                file.services().forEach(s -> names.addAll(JavaGenerator.serviceClassNames(s)));
            }
        }
        return names;
    }
}
