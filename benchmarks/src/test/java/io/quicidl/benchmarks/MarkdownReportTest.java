package io.quicidl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report says first whether the box was quiet, and every table row has as many cells as its header. */
class MarkdownReportTest {
    private static final Comparison UNARY = new Comparison(
            "2. unary",
            "1 connection, application thread",
            "calls/s",
            Better.HIGHER,
            Sample.ofRounds("quicidl", List.of(1.0, 2.0, 3.0)),
            List.of(Sample.ofRounds("raw", List.of(4.0, 4.0, 5.0))),
            "note");
    private static final Comparison CODEC =
            new Comparison("8. codec", "encode", "ops/s", Better.HIGHER, new Sample("quicidl", 10), List.of(), "");

    @Test
    void aNoisyRunSaysSoFirst() {
        String report = MarkdownReport.render(run(new BoxLoad(1.5, 3.0, 2, 0, 60), Jdk25Column.none()), List.of(UNARY));
        assertTrue(report.split("\n")[2].startsWith("**NOISY"), report);
        assertTrue(report.contains("2.00 calls/s (1.00–3.00)"), report);
        assertTrue(report.contains("0.50×"), report);
        assertRowsMatchHeader(report);
    }

    @Test
    void theJdk25ColumnsFillTheirRowsAndDashTheOthers() {
        Comparison unaryOn25 = new Comparison(
                UNARY.measure(),
                UNARY.metric(),
                UNARY.unit(),
                Better.HIGHER,
                new Sample("quicidl", 8),
                List.of(new Sample("raw", 4)),
                "");
        Jdk25Column jdk25 = new Jdk25Column("JDK 25 VM", Map.of(Jdk25Column.key(unaryOn25), unaryOn25));
        String report = MarkdownReport.render(run(new BoxLoad(0.1, 1.0, 2, 0, 60), jdk25), List.of(UNARY, CODEC));
        assertTrue(report.split("\n")[2].startsWith("Quiet box"), report);
        assertTrue(report.contains("| quicidl: 8.00 calls/s | 4.00 calls/s | 2.00× |"), report);
        // No peer and no JDK 25 figure: dashes in both column groups.
        assertTrue(report.contains("| 8. codec | encode | quicidl: 10.00 ops/s | — | — | — | — | — | — |"), report);
        assertRowsMatchHeader(report);
    }

    private static MarkdownReport.RunInfo run(BoxLoad load, Jdk25Column jdk25) {
        return new MarkdownReport.RunInfo("cmd", false, "today", "vm", "", "os", 2, 1, load, jdk25);
    }

    /** Every line of the results table has the header's number of cells. */
    private static void assertRowsMatchHeader(String report) {
        List<String> table = report.lines()
                .filter(line -> line.startsWith("| ") && line.contains(" | metric |")
                        || line.startsWith("| 2. ")
                        || line.startsWith("| 8. "))
                .toList();
        long cells = cells(table.get(0));
        table.forEach(line -> assertEquals(cells, cells(line), line));
    }

    private static long cells(String line) {
        return line.chars().filter(c -> c == '|').count();
    }
}
