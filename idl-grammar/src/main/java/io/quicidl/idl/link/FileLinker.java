package io.quicidl.idl.link;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.element.EnumConstantElement;
import io.quicidl.idl.element.EnumElement;
import io.quicidl.idl.element.ErrorElement;
import io.quicidl.idl.element.FieldElement;
import io.quicidl.idl.element.ImportElement;
import io.quicidl.idl.element.MessageElement;
import io.quicidl.idl.element.ReservedElement;
import io.quicidl.idl.element.RpcElement;
import io.quicidl.idl.element.ServiceElement;
import io.quicidl.idl.element.TypeElement;
import io.quicidl.idl.element.TypeRefElement;
import io.quicidl.idl.element.TypeRefElement.NamedTypeElement;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.EnumValue;
import io.quicidl.idl.model.ErrorRef;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.JavaName;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.ReservedRange;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.ScalarType;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.model.Service;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.MessageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the model of one file: resolves every type reference and annotation, and checks
 * the numbers the model stores as {@code int}. An element that does not resolve is
 * reported and left out; the loader discards the model when anything was reported.
 */
final class FileLinker {

    static final int MAX_FIELD_NUMBER = (1 << 29) - 1;
    private static final int PROTOBUF_RESERVED_START = 19_000;
    private static final int PROTOBUF_RESERVED_END = 19_999;

    private final FileHeader file;
    private final SymbolTable symbols;
    private final Diagnostics diagnostics;
    private final AnnotationResolver annotations;
    private final Set<String> imports;
    private final Set<ImportUse> usedImports;

    /** File {@code from} referred to a type declared in file {@code to}. */
    record ImportUse(String from, String to) {}

    FileLinker(FileHeader file, SymbolTable symbols, Diagnostics diagnostics, Set<ImportUse> usedImports) {
        this.file = file;
        this.symbols = symbols;
        this.diagnostics = diagnostics;
        this.annotations = new AnnotationResolver(diagnostics);
        this.imports =
                file.element().imports().stream().map(ImportElement::path).collect(Collectors.toSet());
        this.usedImports = usedImports;
    }

    SchemaFile link(boolean requested) {
        List<NamedType> types = new ArrayList<>();
        for (TypeElement type : file.element().types()) {
            types.add(type(type, SymbolTable.qualify(file.packageName(), type.name())));
        }
        List<Service> services =
                file.element().services().stream().map(this::service).toList();
        List<String> importPaths = file.element().imports().stream()
                .map(ImportElement::path)
                .distinct()
                .toList();
        return new SchemaFile(
                file.path(), file.packageName(), file.javaPackage(), importPaths, types, services, requested);
    }

    private NamedType type(TypeElement type, String fullName) {
        JavaName javaName = symbols.get(fullName).orElseThrow().javaName();
        if (type instanceof MessageElement m) {
            List<NamedType> nested = new ArrayList<>();
            for (TypeElement n : m.nestedTypes()) {
                nested.add(type(n, fullName + "." + n.name()));
            }
            return new MessageType(
                    m.name(),
                    fullName,
                    javaName,
                    m.doc(),
                    m.location(),
                    fields(m.fields(), fullName),
                    ranges(m.reserved(), 1, MAX_FIELD_NUMBER),
                    names(m.reserved()),
                    nested);
        }
        if (type instanceof ErrorElement e) {
            return new ErrorType(
                    e.name(),
                    fullName,
                    javaName,
                    e.doc(),
                    e.location(),
                    fields(e.fields(), fullName),
                    ranges(e.reserved(), 1, MAX_FIELD_NUMBER),
                    names(e.reserved()));
        }
        EnumElement e = (EnumElement) type;
        List<EnumValue> values = new ArrayList<>();
        for (EnumConstantElement c : e.constants()) {
            if (c.number() < Integer.MIN_VALUE || c.number() > Integer.MAX_VALUE) {
                diagnostics.report(
                        DiagnosticCode.ENUM_NUMBER_OUT_OF_RANGE,
                        c.location(),
                        "enum value '" + c.name() + "' has number " + c.number() + ", outside the int32 range");
                continue;
            }
            values.add(new EnumValue(c.name(), (int) c.number(), JavaNames.escape(c.name()), c.doc(), c.location()));
        }
        return new EnumType(
                e.name(),
                fullName,
                javaName,
                e.doc(),
                e.location(),
                values,
                ranges(e.reserved(), Integer.MIN_VALUE, Integer.MAX_VALUE),
                names(e.reserved()));
    }

    private List<Field> fields(List<FieldElement> elements, String scope) {
        List<Field> fields = new ArrayList<>();
        for (FieldElement f : elements) {
            Optional<TypeRef> type = fieldType(f.type(), scope);
            if (checkFieldNumber(f) && type.isPresent()) {
                fields.add(new Field(
                        f.name(), (int) f.number(), JavaNames.camelCase(f.name()), type.get(), f.doc(), f.location()));
            }
        }
        return fields;
    }

    private boolean checkFieldNumber(FieldElement f) {
        if (f.number() < 1 || f.number() > MAX_FIELD_NUMBER) {
            diagnostics.report(
                    DiagnosticCode.FIELD_NUMBER_OUT_OF_RANGE,
                    f.location(),
                    "field '" + f.name() + "' has number " + f.number() + ", outside 1.." + MAX_FIELD_NUMBER);
            return false;
        }
        if (f.number() >= PROTOBUF_RESERVED_START && f.number() <= PROTOBUF_RESERVED_END) {
            diagnostics.report(
                    DiagnosticCode.FIELD_NUMBER_IN_PROTOBUF_RANGE,
                    f.location(),
                    "field '" + f.name() + "' has number " + f.number() + ", in 19000..19999 which protobuf reserves",
                    "pick a number outside 19000..19999");
            return false;
        }
        return true;
    }

    private Optional<TypeRef> fieldType(TypeRefElement type, String scope) {
        if (type instanceof TypeRefElement.OptionalTypeElement o) {
            return fieldType(o.element(), scope).map(TypeRef.OptionalRef::new);
        }
        if (type instanceof TypeRefElement.ListTypeElement l) {
            return fieldType(l.element(), scope).map(TypeRef.ListRef::new);
        }
        if (type instanceof TypeRefElement.MapTypeElement m) {
            Optional<TypeRef> key = fieldType(m.key(), scope);
            Optional<TypeRef> value = fieldType(m.value(), scope);
            return key.isPresent() && value.isPresent()
                    ? Optional.of(new TypeRef.MapRef(key.get(), value.get()))
                    : Optional.empty();
        }
        NamedTypeElement named = (NamedTypeElement) type;
        Optional<ScalarType> scalar = ScalarType.bySchemaName(named.name());
        if (scalar.isPresent()) {
            return Optional.of(new TypeRef.ScalarRef(scalar.get()));
        }
        Optional<Symbol> symbol = resolve(named, scope);
        if (symbol.isEmpty()) {
            return Optional.empty();
        }
        Symbol s = symbol.get();
        if (s.kind() == Symbol.Kind.MESSAGE) {
            return Optional.of(new TypeRef.MessageRef(s.fullName(), s.javaName()));
        }
        if (s.kind() == Symbol.Kind.ENUM) {
            return Optional.of(new TypeRef.EnumRef(s.fullName(), s.javaName()));
        }
        diagnostics.report(
                DiagnosticCode.ERROR_USED_AS_FIELD_TYPE,
                named.location(),
                "'" + named.name() + "' is an error type; errors can only be named in throws",
                "declare it as a message to use it in fields");
        return Optional.empty();
    }

    /** Looks up a type name, reporting unknown and not-imported names. */
    private Optional<Symbol> resolve(NamedTypeElement named, String scope) {
        Optional<Symbol> found = symbols.lookup(named.name(), scope).filter(s -> s.kind() != Symbol.Kind.SERVICE);
        if (found.isEmpty()) {
            Optional<String> suggestion = symbols.suggestType(named.name(), file.packageName());
            if (suggestion.isPresent()) {
                diagnostics.report(
                        DiagnosticCode.UNKNOWN_TYPE,
                        named.location(),
                        "unknown type '" + named.name() + "'",
                        "did you mean '" + suggestion.get() + "'?");
            } else {
                diagnostics.report(
                        DiagnosticCode.UNKNOWN_TYPE, named.location(), "unknown type '" + named.name() + "'");
            }
            return Optional.empty();
        }
        String declaredIn = found.get().filePath();
        if (!declaredIn.equals(file.path())) {
            if (!imports.contains(declaredIn)) {
                diagnostics.report(
                        DiagnosticCode.TYPE_NOT_IMPORTED,
                        named.location(),
                        "type '" + found.get().fullName() + "' is declared in '" + declaredIn + "', which '"
                                + file.path() + "' does not import",
                        "add import \"" + declaredIn + "\";");
                return Optional.empty();
            }
            usedImports.add(new ImportUse(file.path(), declaredIn));
        }
        return found;
    }

    private List<ReservedRange> ranges(List<ReservedElement> reserved, long min, long max) {
        List<ReservedRange> ranges = new ArrayList<>();
        for (ReservedElement r : reserved) {
            for (ReservedElement.Range range : r.ranges()) {
                long end = range.toMax() ? max : range.end();
                if (range.start() < min || end > max || range.start() > end) {
                    String text = range.toMax()
                            ? range.start() + " to max"
                            : range.start() == range.end()
                                    ? Long.toString(range.start())
                                    : range.start() + " to " + range.end();
                    diagnostics.report(
                            DiagnosticCode.INVALID_RESERVED_RANGE,
                            r.location(),
                            "reserved '" + text + "' is not a range within " + min + ".." + max);
                    continue;
                }
                ranges.add(new ReservedRange((int) range.start(), (int) end));
            }
        }
        return ranges;
    }

    private static List<String> names(List<ReservedElement> reserved) {
        return reserved.stream().flatMap(r -> r.names().stream()).toList();
    }

    private Service service(ServiceElement service) {
        String fullName = SymbolTable.qualify(file.packageName(), service.name());
        JavaName javaName = symbols.get(fullName).orElseThrow().javaName();
        List<Rpc> rpcs = new ArrayList<>();
        for (RpcElement rpc : service.rpcs()) {
            rpc(rpc, fullName).ifPresent(rpcs::add);
        }
        return new Service(service.name(), fullName, javaName, service.doc(), service.location(), rpcs);
    }

    private Optional<Rpc> rpc(RpcElement rpc, String serviceName) {
        Optional<AnnotationResolver.Resolved> resolved = annotations.resolve(rpc);
        Optional<MessageRef> request = rpcMessage(rpc, rpc.request(), "request");
        Optional<MessageRef> response = rpc.response().flatMap(r -> rpcMessage(rpc, r, "response"));
        List<ErrorRef> errors = new ArrayList<>();
        for (NamedTypeElement thrown : rpc.throwsList()) {
            errorType(thrown).ifPresent(errors::add);
        }
        boolean complete = resolved.isPresent()
                && request.isPresent()
                && response.isPresent() == rpc.response().isPresent()
                && errors.size() == rpc.throwsList().size();
        if (!complete) {
            return Optional.empty();
        }
        return Optional.of(new Rpc(
                rpc.name(),
                JavaNames.camelCase(rpc.name()),
                "/" + serviceName + "/" + rpc.name(),
                resolved.get().pattern(),
                request.get(),
                rpc.requestStreaming(),
                response,
                rpc.responseStreaming(),
                resolved.get().modifiers(),
                errors,
                rpc.doc(),
                rpc.location()));
    }

    private Optional<MessageRef> rpcMessage(RpcElement rpc, NamedTypeElement type, String role) {
        if (ScalarType.bySchemaName(type.name()).isPresent()) {
            diagnostics.report(
                    DiagnosticCode.RPC_TYPE_NOT_MESSAGE,
                    type.location(),
                    "the " + role + " of rpc '" + rpc.name() + "' is the scalar '" + type.name()
                            + "'; rpc requests and responses are messages",
                    "wrap it in a message, e.g. message Value { " + type.name() + " value = 1; }");
            return Optional.empty();
        }
        Optional<Symbol> symbol = resolve(type, file.packageName());
        if (symbol.isEmpty()) {
            return Optional.empty();
        }
        if (symbol.get().kind() != Symbol.Kind.MESSAGE) {
            diagnostics.report(
                    DiagnosticCode.RPC_TYPE_NOT_MESSAGE,
                    type.location(),
                    "the " + role + " of rpc '" + rpc.name() + "' is the "
                            + symbol.get().kind().word() + " '" + type.name()
                            + "'; rpc requests and responses are messages",
                    "wrap it in a message");
            return Optional.empty();
        }
        return Optional.of(new MessageRef(symbol.get().fullName(), symbol.get().javaName()));
    }

    private Optional<ErrorRef> errorType(NamedTypeElement thrown) {
        String kind;
        if (ScalarType.bySchemaName(thrown.name()).isPresent()) {
            kind = "scalar";
        } else {
            Optional<Symbol> symbol = resolve(thrown, file.packageName());
            if (symbol.isEmpty()) {
                return Optional.empty();
            }
            if (symbol.get().kind() == Symbol.Kind.ERROR) {
                return Optional.of(
                        new ErrorRef(symbol.get().fullName(), symbol.get().javaName()));
            }
            kind = symbol.get().kind().word();
        }
        diagnostics.report(
                DiagnosticCode.THROWS_NOT_ERROR,
                thrown.location(),
                "'" + thrown.name() + "' in throws is a " + kind + ", not an error type",
                "declare it with 'error " + thrown.name() + " { ... }'");
        return Optional.empty();
    }
}
