package io.quicidl.idl.link;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.element.FileElement;
import io.quicidl.idl.element.ImportElement;
import io.quicidl.idl.model.SchemaFile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The link stage: checks each file's package and options, declares every type and service
 * in one symbol table, then builds the model of each file with all references resolved.
 * Finally warns about imports that no reference needed, if everything resolved (an
 * unresolved name may well have been meant for an import).
 */
public final class Linker {

    private final Diagnostics diagnostics;

    public Linker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Links {@code files} (each after the files it imports). The result is meaningful only
     * if no error was reported.
     */
    public List<SchemaFile> link(List<FileElement> files, Set<String> requested) {
        int errorsBefore = diagnostics.errorCount();
        List<FileHeader> headers =
                files.stream().map(f -> FileHeader.check(f, diagnostics)).toList();
        SymbolTable symbols = SymbolTable.build(headers, diagnostics);
        Set<FileLinker.ImportUse> usedImports = new HashSet<>();
        List<SchemaFile> linked = headers.stream()
                .map(h -> new FileLinker(h, symbols, diagnostics, usedImports).link(requested.contains(h.path())))
                .toList();
        if (diagnostics.errorCount() == errorsBefore) {
            for (FileHeader header : headers) {
                reportUnusedImports(header.element(), usedImports);
            }
        }
        return linked;
    }

    private void reportUnusedImports(FileElement file, Set<FileLinker.ImportUse> usedImports) {
        Set<String> reported = new HashSet<>();
        for (ImportElement i : file.imports()) {
            if (!usedImports.contains(new FileLinker.ImportUse(file.path(), i.path())) && reported.add(i.path())) {
                diagnostics.report(
                        DiagnosticCode.UNUSED_IMPORT,
                        i.location(),
                        "import '" + i.path() + "' is not used",
                        "remove it");
            }
        }
    }
}
