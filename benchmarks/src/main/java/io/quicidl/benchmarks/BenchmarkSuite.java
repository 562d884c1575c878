package io.quicidl.benchmarks;

import io.quicidl.benchmarks.charts.ChartBook;
import io.quicidl.benchmarks.charts.ChartWriter;
import io.quicidl.benchmarks.measures.CodecThroughput;
import io.quicidl.benchmarks.measures.CompilerTime;
import io.quicidl.benchmarks.measures.ConnectionSetup;
import io.quicidl.benchmarks.measures.DuplexEchoHeap;
import io.quicidl.benchmarks.measures.HeadOfLineBlocking;
import io.quicidl.benchmarks.measures.RealtimeFreshness;
import io.quicidl.benchmarks.measures.StreamingThroughput;
import io.quicidl.benchmarks.measures.UnaryLatency;
import io.quicidl.benchmarks.measures.UnaryThroughput;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the measures of issue #6 side by side and writes the Markdown report.
 *
 * <p>Arguments: {@code --quick} (about a minute, proves that every measure works; CI runs it) or
 * {@code --full} (the default),
 * {@code --out FILE} (default {@code results/latest.md}, or {@code target/results-quick.md} when
 * quick), {@code --only ID,ID} (run some measures only), {@code --jdk25} (the JDK 25 column of
 * measures 1-3 in a quick run too; a full run has it wherever JDK 25 is installed). Exits 1 when
 * any measure failed. Charts of some measures are written as PNG files beside the report, named
 * {@code <report name>-<chart>.png}, and linked from it.
 */
public final class BenchmarkSuite {
    private BenchmarkSuite() {}

    /** Every measure, in the order of the report. */
    static List<Measure> measures() {
        return List.of(
                new UnaryLatency(),
                new UnaryThroughput(),
                new StreamingThroughput(),
                new DuplexEchoHeap(),
                new HeadOfLineBlocking(),
                new RealtimeFreshness(),
                new ConnectionSetup(),
                new CodecThroughput(),
                new CompilerTime());
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Path out = null;
        Set<String> only = Set.of();
        boolean jdk25Asked = false;
        boolean jdk25Refused = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--out" -> out = Path.of(argument(args, ++i, "--out"));
                case "--only" -> only = Set.of(argument(args, ++i, "--only").split(","));
                case "--jdk25" -> jdk25Asked = true;
                case "--no-jdk25" -> jdk25Refused = true;
                default -> throw usage("unknown argument '" + args[i] + "'");
            }
        }
        if (out == null) {
            out = Path.of(quick ? "target/results-quick.md" : "results/latest.md");
        }
        ChartBook charts = new ChartBook();
        SuiteSettings settings = new SuiteSettings(quick, charts);
        double loadBefore = BoxLoad.now();
        System.out.printf(Locale.ROOT, "1-minute load average before the run: %.2f%n", loadBefore);
        BoxLoad beforeOnly = new BoxLoad(loadBefore, 0, Runtime.getRuntime().availableProcessors(), 0, 1);
        if (beforeOnly.noisy()) {
            System.out.printf(
                    Locale.ROOT,
                    "NOISY: the box is busy before the run starts (above %.2f); figures will not be evidence%n",
                    beforeOnly.beforeLimit());
        }
        OtherProcessesCpu others = OtherProcessesCpu.start();
        long started = System.nanoTime();
        List<Comparison> comparisons = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Measure measure : measures()) {
            if (!only.isEmpty() && !only.contains(measure.id())) {
                continue;
            }
            System.out.printf("== %d %s%n", measure.number(), measure.id());
            long measureStarted = System.nanoTime();
            try {
                List<Comparison> results = measure.run(settings);
                results.forEach(result -> System.out.println("   " + summary(result)));
                comparisons.addAll(results);
            } catch (Exception | Error e) {
                System.out.println("   FAILED: " + e);
                e.printStackTrace();
                failures.add(measure.id() + ": " + e);
            }
            System.out.printf("   (%.1f s)%n", (System.nanoTime() - measureStarted) / 1e9);
        }
        Jdk25Column jdk25 = jdk25Refused ? Jdk25Column.none() : jdk25Column(settings, only, jdk25Asked, failures);
        double runSeconds = (System.nanoTime() - started) / 1e9;
        long seconds = Math.round(runSeconds);
        int cpus = Runtime.getRuntime().availableProcessors();
        double othersCpu = Double.NaN;
        if (others != null) {
            others.close();
            othersCpu = others.seconds();
        }
        BoxLoad load = new BoxLoad(loadBefore, BoxLoad.now(), cpus, othersCpu, runSeconds);
        MarkdownReport.RunInfo run = new MarkdownReport.RunInfo(
                System.getProperty(
                        "bench.command", "java " + BenchmarkSuite.class.getName() + " " + String.join(" ", args)),
                quick,
                LocalDate.now().toString(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpus,
                seconds,
                load,
                jdk25);
        Path absolute = out.toAbsolutePath();
        List<ChartWriter.ChartFile> chartFiles = List.of();
        try {
            chartFiles = ChartWriter.writeAll(charts.charts(), absolute.getParent(), ChartWriter.reportName(absolute));
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            failures.add("charts: " + e);
        }
        String report = MarkdownReport.render(run, comparisons, chartFiles);
        if (!failures.isEmpty()) {
            report += "\n## Failed measures\n\n"
                    + failures.stream().map(f -> "- " + f).collect(Collectors.joining("\n")) + "\n";
        }
        Files.createDirectories(absolute.getParent());
        Files.writeString(absolute, report);
        System.out.println("wrote " + absolute + " in " + seconds + " s");
        System.out.println(load.verdict());
        if (!failures.isEmpty()) {
            System.out.println("failed: " + failures);
            System.exit(1);
        }
        // Event loops of the systems under test may linger as daemon threads; nothing else is left to do.
        System.exit(0);
    }

    /**
     * Measures 1-3 again on JDK 25 where it is installed: in a full run, or in a quick one when
     * {@code --jdk25} asks (the quick suite runs in CI and must stay short). A failure is reported
     * like a failed measure.
     */
    private static Jdk25Column jdk25Column(
            SuiteSettings settings, Set<String> only, boolean asked, List<String> failures) {
        List<String> ids = measures().stream()
                .map(Measure::id)
                .filter(id -> Jdk25Column.MEASURES.contains(id) && (only.isEmpty() || only.contains(id)))
                .toList();
        // On JDK 25 already, the column would repeat the first.
        if (ids.isEmpty() || (settings.quick() && !asked) || Runtime.version().feature() >= 25) {
            return Jdk25Column.none();
        }
        if (!Jdk25Column.available()) {
            System.out.println("== no JDK 25 at " + Jdk25Column.JAVA + ": no JDK 25 column");
            return Jdk25Column.none();
        }
        System.out.println("== " + String.join(", ", ids) + " on JDK 25, in a child JVM");
        long started = System.nanoTime();
        try {
            Jdk25Column column = Jdk25Column.run(settings.quick(), ids);
            column.figures().values().forEach(result -> System.out.println("   " + summary(result)));
            return column;
        } catch (Exception | Error e) {
            System.out.println("   FAILED: " + e);
            e.printStackTrace();
            failures.add("JDK 25 column: " + e);
            return Jdk25Column.none();
        } finally {
            System.out.printf("   (%.1f s)%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /** One console line: the metric, the subject's value and each peer's with the advantage. */
    private static String summary(Comparison comparison) {
        StringBuilder line = new StringBuilder(comparison.metric())
                .append(": ")
                .append(comparison.subject().system())
                .append(' ')
                .append(MarkdownReport.value(comparison.subject(), comparison.unit()));
        for (Comparison.Sample peer : comparison.peers()) {
            line.append(" | ")
                    .append(peer.system())
                    .append(' ')
                    .append(MarkdownReport.value(peer, comparison.unit()))
                    .append(String.format(Locale.ROOT, " (%.2f×)", comparison.advantageOver(peer)));
        }
        return line.toString();
    }

    private static String argument(String[] args, int index, String option) {
        if (index >= args.length) {
            throw usage(option + " needs a value");
        }
        return args[index];
    }

    /** Prints what is wrong with the arguments and how to call the suite, then exits 2. */
    private static IllegalArgumentException usage(String problem) {
        System.err.println("benchmarks: " + problem);
        System.err.println("usage: BenchmarkSuite [--quick] [--jdk25] [--out FILE] [--only ID,ID...]  (IDs: "
                + measures().stream().map(Measure::id).collect(Collectors.joining(", ")) + ")");
        System.exit(2);
        return new IllegalArgumentException(problem);
    }
}
