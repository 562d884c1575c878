package io.quicidl.idl.model;

import io.quicidl.idl.diagnostic.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The linked, validated schema: every file loaded (imports before the files that import
 * them), with every reference resolved. The only input code generation needs.
 */
public final class Schema {

    private final List<SchemaFile> files;
    private final List<Diagnostic> warnings;
    private final Map<String, NamedType> types = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();

    public Schema(List<SchemaFile> files, List<Diagnostic> warnings) {
        this.files = List.copyOf(files);
        this.warnings = List.copyOf(warnings);
        for (SchemaFile file : this.files) {
            file.types().forEach(this::index);
            file.services().forEach(s -> services.put(s.fullName(), s));
        }
    }

    private void index(NamedType type) {
        types.put(type.fullName(), type);
        if (type instanceof MessageType message) {
            message.nestedTypes().forEach(this::index);
        }
    }

    /** All files, each after the files it imports; requested files in the order given. */
    public List<SchemaFile> files() {
        return files;
    }

    /** The files that were passed to the loader, as opposed to only imported. */
    public List<SchemaFile> requestedFiles() {
        return files.stream().filter(SchemaFile::requested).toList();
    }

    public Optional<SchemaFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** Every type, nested ones included, in file order and then declaration order. */
    public List<NamedType> types() {
        return List.copyOf(types.values());
    }

    /** The type with this full name, e.g. {@code example.chat.ChatMessage}. */
    public Optional<NamedType> type(String fullName) {
        return Optional.ofNullable(types.get(fullName));
    }

    public List<Service> services() {
        return List.copyOf(services.values());
    }

    /** The service with this full name, e.g. {@code example.chat.Chat}. */
    public Optional<Service> service(String fullName) {
        return Optional.ofNullable(services.get(fullName));
    }

    /** Warnings found while compiling, e.g. unused imports; build tools may fail on them. */
    public List<Diagnostic> warnings() {
        return warnings;
    }
}
