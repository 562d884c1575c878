package io.quicidl.idl;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.element.FileElement;
import io.quicidl.idl.element.ImportElement;
import io.quicidl.idl.parser.SchemaParser;
import io.quicidl.idl.source.Source;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The load and parse stage: reads the requested files and, depth first, everything they
 * import. Each file is read and parsed once; a file's imports come before it in the
 * result, which makes the order deterministic.
 */
final class FileLoader {

    private final SourceProvider sources;
    private final Diagnostics diagnostics;
    private final Map<String, FileElement> loaded = new LinkedHashMap<>();
    private final Set<String> failed = new HashSet<>();
    private final List<String> importChain = new ArrayList<>();

    FileLoader(SourceProvider sources, Diagnostics diagnostics) {
        this.sources = sources;
        this.diagnostics = diagnostics;
    }

    List<FileElement> load(List<String> paths) {
        for (String path : paths) {
            load(path, Optional.empty());
        }
        return List.copyOf(loaded.values());
    }

    private void load(String path, Optional<ImportElement> importedBy) {
        if (loaded.containsKey(path) || failed.contains(path)) {
            return;
        }
        Optional<FileElement> file = read(path, importedBy);
        if (file.isEmpty()) {
            failed.add(path);
            return;
        }
        importChain.add(path);
        Set<String> seen = new HashSet<>();
        for (ImportElement i : file.get().imports()) {
            if (!seen.add(i.path())) {
                diagnostics.report(
                        DiagnosticCode.DUPLICATE_IMPORT,
                        i.location(),
                        "'" + i.path() + "' is imported more than once",
                        "remove this import");
            } else if (importChain.contains(i.path())) {
                List<String> cycle =
                        new ArrayList<>(importChain.subList(importChain.indexOf(i.path()), importChain.size()));
                cycle.add(i.path());
                diagnostics.report(
                        DiagnosticCode.IMPORT_CYCLE,
                        i.location(),
                        "import cycle: " + String.join(" -> ", cycle),
                        "move the types both files need into a third file that both import");
            } else {
                load(i.path(), Optional.of(i));
            }
        }
        importChain.remove(importChain.size() - 1);
        loaded.put(path, file.get());
    }

    private Optional<FileElement> read(String path, Optional<ImportElement> importedBy) {
        SourceLocation where = importedBy.map(ImportElement::location).orElse(SourceLocation.ofFile(path));
        Optional<Source> source;
        try {
            source = sources.find(path);
        } catch (IOException e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, where, "cannot read '" + path + "': " + e.getMessage());
            return Optional.empty();
        }
        if (source.isEmpty()) {
            if (importedBy.isPresent()) {
                diagnostics.report(
                        DiagnosticCode.IMPORT_NOT_FOUND,
                        where,
                        "imported file '" + path + "' is not in any import root",
                        "import paths are relative to an import root, like protoc's -I");
            } else {
                diagnostics.report(
                        DiagnosticCode.FILE_NOT_FOUND,
                        where,
                        "file '" + path + "' is not in any import root",
                        "a schema is named by its path below an import root: add the directory that holds it"
                                + " as an import root (-I for the quicidl command, importRoots in Maven)");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(SchemaParser.parse(source.get()));
        } catch (SchemaException e) {
            diagnostics.reportAll(e.diagnostics());
            return Optional.empty();
        }
    }
}
