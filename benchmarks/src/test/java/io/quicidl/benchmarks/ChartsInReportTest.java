package io.quicidl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.benchmarks.charts.ChartBook;
import io.quicidl.benchmarks.charts.ChartSeries;
import io.quicidl.benchmarks.charts.ChartSpec;
import io.quicidl.benchmarks.charts.ChartWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report links every chart written beside it, by a relative link that resolves from the report's folder. */
class ChartsInReportTest {
    private static final Pattern IMAGE = Pattern.compile("!\\[([^]]+)]\\(([^)]+)\\)");

    @TempDir
    Path folder;

    @Test
    void theReportLinksEachChartBesideIt() throws IOException {
        ChartBook book = new ChartBook();
        for (String key : List.of("m1-latency", "m5-a-scenario", "m6-frame-age")) {
            book.add(
                    ChartSpec.linear(key, "chart " + key, "x (s)", "y (ms)"),
                    new ChartSeries("line", new double[] {0, 1, 2}, new double[] {3, 1, 2}));
        }
        Path report = folder.resolve("results").resolve("run-1.md");
        List<ChartWriter.ChartFile> files =
                ChartWriter.writeAll(book.charts(), report.getParent(), ChartWriter.reportName(report));
        String markdown = MarkdownReport.render(
                new MarkdownReport.RunInfo(
                        "cmd",
                        false,
                        "today",
                        "vm",
                        "",
                        "os",
                        2,
                        1,
                        new BoxLoad(0.1, 0.1, 2, 0, 60),
                        Jdk25Column.none()),
                List.of(),
                files);

        Matcher links = IMAGE.matcher(markdown);
        int linked = 0;
        while (links.find()) {
            String link = links.group(2);
            assertFalse(link.contains("/") || link.startsWith("file:"), "relative, beside the report: " + link);
            assertTrue(Files.isRegularFile(report.getParent().resolve(link)), link + " resolves");
            assertEquals("chart " + link.replace("run-1-", "").replace(".png", ""), links.group(1));
            linked++;
        }
        assertEquals(3, linked, markdown);
        assertTrue(markdown.contains("](run-1-m5-a-scenario.png)"), markdown);
    }

    @Test
    void aReportWithoutChartsHasNoChartSection() {
        String markdown = MarkdownReport.render(
                new MarkdownReport.RunInfo(
                        "cmd",
                        false,
                        "today",
                        "vm",
                        "",
                        "os",
                        2,
                        1,
                        new BoxLoad(0.1, 0.1, 2, 0, 60),
                        Jdk25Column.none()),
                List.of());
        assertFalse(markdown.contains("## Charts"), markdown);
    }

    @Test
    void twoChartsCannotShareAFileName() {
        ChartBook book = new ChartBook();
        ChartSeries line = new ChartSeries("line", new double[] {1}, new double[] {1});
        book.add(ChartSpec.linear("m1-latency", "one", "x", "y"), line);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> book.add(ChartSpec.linear("m1-latency", "other", "x", "y"), line));
        assertEquals("two different charts share the key 'm1-latency': one and other", e.getMessage());
    }

    @Test
    void aChartKeyMustMakeAPlainFileName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ChartSpec.linear("../m1", "t", "x", "y"));
        assertTrue(e.getMessage().contains("'../m1'"), e.getMessage());
    }
}
