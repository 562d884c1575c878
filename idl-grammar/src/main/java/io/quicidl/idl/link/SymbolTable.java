package io.quicidl.idl.link;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.element.EnumElement;
import io.quicidl.idl.element.MessageElement;
import io.quicidl.idl.element.ServiceElement;
import io.quicidl.idl.element.TypeElement;
import io.quicidl.idl.model.JavaName;
import io.quicidl.idl.model.ScalarType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every type and service of every file by full name, and name lookup the way protobuf
 * scopes it: a reference is tried in the innermost enclosing scope first, then outwards.
 */
final class SymbolTable {

    private final Map<String, Symbol> symbols = new LinkedHashMap<>();

    static SymbolTable build(List<FileHeader> files, Diagnostics diagnostics) {
        SymbolTable table = new SymbolTable();
        for (FileHeader file : files) {
            for (TypeElement type : file.element().types()) {
                JavaName javaName = new JavaName(file.javaPackage(), List.of(JavaNames.pascalCase(type.name())));
                table.declareType(file, type, qualify(file.packageName(), type.name()), javaName, diagnostics);
            }
            for (ServiceElement service : file.element().services()) {
                JavaName javaName = new JavaName(file.javaPackage(), List.of(JavaNames.pascalCase(service.name())));
                table.declare(
                        new Symbol(
                                Symbol.Kind.SERVICE,
                                qualify(file.packageName(), service.name()),
                                javaName,
                                file.path(),
                                service.location()),
                        diagnostics);
            }
        }
        return table;
    }

    private void declareType(
            FileHeader file, TypeElement type, String fullName, JavaName javaName, Diagnostics diagnostics) {
        Symbol.Kind kind = type instanceof MessageElement
                ? Symbol.Kind.MESSAGE
                : type instanceof EnumElement ? Symbol.Kind.ENUM : Symbol.Kind.ERROR;
        declare(new Symbol(kind, fullName, javaName, file.path(), type.location()), diagnostics);
        if (type instanceof MessageElement message) {
            for (TypeElement nested : message.nestedTypes()) {
                declareType(
                        file,
                        nested,
                        fullName + "." + nested.name(),
                        javaName.nested(JavaNames.pascalCase(nested.name())),
                        diagnostics);
            }
        }
    }

    private void declare(Symbol symbol, Diagnostics diagnostics) {
        Symbol first = symbols.putIfAbsent(symbol.fullName(), symbol);
        if (first != null) {
            diagnostics.report(
                    DiagnosticCode.DUPLICATE_NAME,
                    symbol.location(),
                    "'" + symbol.fullName() + "' is already declared as a "
                            + first.kind().word() + " at " + first.location());
        }
    }

    Optional<Symbol> get(String fullName) {
        return Optional.ofNullable(symbols.get(fullName));
    }

    /**
     * Resolves {@code name} as seen from {@code scope} (a package, message or service full
     * name): {@code scope.name}, then the same in each enclosing scope, then {@code name}.
     */
    Optional<Symbol> lookup(String name, String scope) {
        String s = scope;
        while (true) {
            Symbol found = symbols.get(qualify(s, name));
            if (found != null) {
                return Optional.of(found);
            }
            if (s.isEmpty()) {
                return Optional.empty();
            }
            int dot = s.lastIndexOf('.');
            s = dot < 0 ? "" : s.substring(0, dot);
        }
    }

    /**
     * The declared type or scalar whose name is closest to {@code name}, written as it
     * would be from {@code packageName}: relative to it when inside it, else in full.
     */
    Optional<String> suggestType(String name, String packageName) {
        List<String> candidates = new ArrayList<>();
        for (ScalarType scalar : ScalarType.values()) {
            candidates.add(scalar.schemaName());
        }
        String prefix = packageName.isEmpty() ? "" : packageName + ".";
        for (Symbol symbol : symbols.values()) {
            if (symbol.kind() != Symbol.Kind.SERVICE) {
                String full = symbol.fullName();
                candidates.add(!prefix.isEmpty() && full.startsWith(prefix) ? full.substring(prefix.length()) : full);
            }
        }
        Optional<String> direct = Suggestions.closest(name, candidates);
        if (direct.isPresent() || name.contains(".")) {
            return direct;
        }
        // A bare misspelled name may be meant for a type in another package.
        List<String> simpleNames = candidates.stream()
                .map(c -> c.substring(c.lastIndexOf('.') + 1))
                .toList();
        return Suggestions.closest(name, simpleNames).map(simple -> candidates.get(simpleNames.indexOf(simple)));
    }

    List<Symbol> all() {
        return List.copyOf(symbols.values());
    }

    static String qualify(String scope, String name) {
        return scope.isEmpty() ? name : scope + "." + name;
    }
}
