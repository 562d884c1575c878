package io.quicidl.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.model.Schema;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DiagnosticsTest {

    static List<DiagnosticCase> cases() {
        return DiagnosticCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedDiagnostics(DiagnosticCase c) {
        assertEquals(c.expected(), compile(c));
    }

    /** Everything the loader printed: the exception's diagnostics, or the warnings. */
    static String compile(DiagnosticCase c) {
        try {
            Schema schema = new SchemaLoader(c.sources()).load(c.load());
            return schema.warnings().stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
        } catch (SchemaException e) {
            return e.getMessage();
        }
    }
}
