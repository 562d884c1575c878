package io.quicidl.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps three lists of diagnostics equal: the {@link DiagnosticCode} enum, the tables in
 * docs/LANGUAGE.md, and the codes that {@link DiagnosticCases}, {@link BreakingChangesTest}
 * and {@link LintTest} provoke.
 */
class DiagnosticCatalogTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (QIDL\\d{3}) \\| (\\w+) \\| (\\w+) \\|");
    private static final Pattern CODE_IN_OUTPUT = Pattern.compile("(?:error|warning)\\[(QIDL\\d{3})]");

    /** One row of the LANGUAGE.md table, as "QIDL111 error UNKNOWN_TYPE". */
    private static Set<String> documented() throws IOException {
        // Surefire runs in the module directory; the docs live one level up.
        Path doc = Path.of("..", "docs", "LANGUAGE.md");
        Set<String> rows = new TreeSet<>();
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find()) {
                rows.add(row.group(1) + " " + row.group(2) + " " + row.group(3));
            }
        }
        return rows;
    }

    @Test
    void languageReferenceDocumentsExactlyTheCodesOfTheEnum() throws IOException {
        Set<String> declared = Arrays.stream(DiagnosticCode.values())
                .map(c -> c.id() + " " + c.severity().label() + " " + c.name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, documented());
    }

    @Test
    void everyCodeOfTheEnumIsProvokedByATestTable() {
        List<String> outputs = new ArrayList<>();
        DiagnosticCases.all().forEach(c -> outputs.add(c.expected()));
        BreakingChangesTest.cases().forEach(c -> outputs.add(c.expected()));
        LintTest.cases().forEach(c -> outputs.add(c.expected()));
        Set<String> tested = new TreeSet<>();
        for (String output : outputs) {
            Matcher code = CODE_IN_OUTPUT.matcher(output);
            while (code.find()) {
                tested.add(code.group(1));
            }
        }
        Set<String> declared = Arrays.stream(DiagnosticCode.values())
                .map(DiagnosticCode::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, tested);
    }

    @Test
    void testNamesAreUniqueSoReportsStayReadable() {
        List<String> names =
                DiagnosticCases.all().stream().map(DiagnosticCase::behaviour).toList();
        assertEquals(names.size(), Set.copyOf(names).size());
    }
}
