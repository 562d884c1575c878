package io.quicidl.idl;

import io.quicidl.idl.source.SourceProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the diagnostics table: schemas in memory, the files to load, and the full
 * text the loader must print.
 *
 * @param behaviour the test's name, stating what the compiler does
 * @param files path to text; used for the printer round trip as well
 */
record DiagnosticCase(
        String behaviour, Map<String, String> files, SourceProvider sources, List<String> load, String expected) {

    @Override
    public String toString() {
        return behaviour;
    }

    /** A case whose only file is {@code a.quic}. */
    static DiagnosticCase of(String behaviour, String schema, String expected) {
        return files(behaviour, List.of("a.quic"), expected, "a.quic", schema);
    }

    /** A case with several files: alternating path and text after {@code expected}. */
    static DiagnosticCase files(String behaviour, List<String> load, String expected, String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return new DiagnosticCase(behaviour, files, SourceProvider.inMemory(files), load, expected);
    }
}
