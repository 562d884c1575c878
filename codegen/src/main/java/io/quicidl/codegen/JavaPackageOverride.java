package io.quicidl.codegen;

import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.ErrorRef;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.JavaName;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.model.Service;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.EnumRef;
import io.quicidl.idl.model.TypeRef.ListRef;
import io.quicidl.idl.model.TypeRef.MapRef;
import io.quicidl.idl.model.TypeRef.MessageRef;
import io.quicidl.idl.model.TypeRef.OptionalRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --java-package} option: a copy of the schema in which the types and services of
 * the requested files, and every reference to them, live in another Java package. Types of
 * files that are only imported keep theirs, since their code is generated elsewhere.
 */
final class JavaPackageOverride {

    private final String javaPackage;
    private final Set<String> moved = new HashSet<>();

    private JavaPackageOverride(String javaPackage) {
        this.javaPackage = javaPackage;
    }

    static Schema apply(Schema schema, String javaPackage) {
        JavaPackageOverride override = new JavaPackageOverride(javaPackage);
        schema.requestedFiles().forEach(f -> f.types().forEach(override::collect));
        List<SchemaFile> files = schema.files().stream().map(override::file).toList();
        return new Schema(files, schema.warnings());
    }

    private void collect(NamedType type) {
        moved.add(type.fullName());
        if (type instanceof MessageType m) {
            m.nestedTypes().forEach(this::collect);
        }
    }

    private SchemaFile file(SchemaFile file) {
        if (!file.requested()) {
            return file;
        }
        return new SchemaFile(
                file.path(),
                file.packageName(),
                javaPackage,
                file.imports(),
                file.types().stream().map(this::type).toList(),
                file.services().stream().map(this::service).toList(),
                true);
    }

    private NamedType type(NamedType type) {
        if (type instanceof MessageType m) {
            return new MessageType(
                    m.name(),
                    m.fullName(),
                    name(m.javaName()),
                    m.doc(),
                    m.location(),
                    fields(m.fields()),
                    m.reservedNumbers(),
                    m.reservedNames(),
                    m.nestedTypes().stream().map(this::type).toList());
        } else if (type instanceof ErrorType e) {
            return new ErrorType(
                    e.name(),
                    e.fullName(),
                    name(e.javaName()),
                    e.doc(),
                    e.location(),
                    fields(e.fields()),
                    e.reservedNumbers(),
                    e.reservedNames());
        }
        EnumType e = (EnumType) type;
        return new EnumType(
                e.name(),
                e.fullName(),
                name(e.javaName()),
                e.doc(),
                e.location(),
                e.values(),
                e.reservedNumbers(),
                e.reservedNames());
    }

    private List<Field> fields(List<Field> fields) {
        return fields.stream()
                .map(f -> new Field(f.name(), f.number(), f.javaName(), ref(f.type()), f.doc(), f.location()))
                .toList();
    }

    private Service service(Service service) {
        List<Rpc> rpcs = service.rpcs().stream()
                .map(r -> new Rpc(
                        r.name(),
                        r.javaName(),
                        r.path(),
                        r.pattern(),
                        message(r.request()),
                        r.clientStreaming(),
                        r.response().map(this::message),
                        r.serverStreaming(),
                        r.modifiers(),
                        r.errors().stream()
                                .map(e -> new ErrorRef(e.fullName(), moved(e.fullName(), e.javaName())))
                                .toList(),
                        r.doc(),
                        r.location()))
                .toList();
        return new Service(
                service.name(), service.fullName(), name(service.javaName()), service.doc(), service.location(), rpcs);
    }

    private TypeRef ref(TypeRef type) {
        if (type instanceof MessageRef m) {
            return message(m);
        } else if (type instanceof EnumRef e) {
            return new EnumRef(e.fullName(), moved(e.fullName(), e.javaName()));
        } else if (type instanceof OptionalRef o) {
            return new OptionalRef(ref(o.element()));
        } else if (type instanceof ListRef l) {
            return new ListRef(ref(l.element()));
        } else if (type instanceof MapRef m) {
            return new MapRef(ref(m.key()), ref(m.value()));
        }
        return type;
    }

    private MessageRef message(MessageRef m) {
        return new MessageRef(m.fullName(), moved(m.fullName(), m.javaName()));
    }

    private JavaName moved(String fullName, JavaName name) {
        return moved.contains(fullName) ? name(name) : name;
    }

    private JavaName name(JavaName name) {
        return new JavaName(javaPackage, name.simpleNames());
    }
}
