package io.quicidl.benchmarks;

import io.quicidl.benchmarks.charts.ChartWriter.ChartFile;
import java.util.List;
import java.util.Locale;

/** Renders a run as the Markdown table of {@code benchmarks/results/latest.md}. */
final class MarkdownReport {
    private MarkdownReport() {}

    static String render(RunInfo run, List<Comparison> comparisons) {
        return render(run, comparisons, List.of());
    }

    /** The report, then a section linking {@code charts} (PNG files beside the report) if there are any. */
    static String render(RunInfo run, List<Comparison> comparisons, List<ChartFile> charts) {
        StringBuilder out = new StringBuilder();
        out.append("# quicidl benchmark results\n\n");
        out.append(
                        run.load().noisy()
                                ? "**" + run.load().verdict() + "**"
                                : run.load().verdict())
                .append("\n\n");
        out.append("Written by the benchmark suite; do not edit by hand. Ratios are what to quote: absolute\n")
                .append("numbers drift between runs on a shared 2-core box.\n\n");
        out.append("| setting | value |\n|---|---|\n");
        out.append("| command | `").append(run.command()).append("` |\n");
        out.append("| mode | ")
                .append(run.quick() ? "quick (proves it works; numbers mean little)" : "full")
                .append(" |\n");
        out.append("| date | ").append(run.date()).append(" |\n");
        out.append("| JVM | ").append(run.jvm()).append(" |\n");
        out.append("| JVM options | `").append(run.jvmOptions()).append("` |\n");
        out.append("| OS | ").append(run.os()).append(" |\n");
        out.append("| CPUs | ").append(run.cpus()).append(" |\n");
        out.append("| suite time | ").append(run.seconds()).append(" s |\n");
        out.append(String.format(
                Locale.ROOT,
                "| load average (1 min) | %.2f before, %.2f after |\n"
                        + "| CPU used by other processes | %.1f s (%.1f%% of the box) |\n\n",
                run.load().before(),
                run.load().after(),
                run.load().othersCpuSeconds(),
                100 * run.load().othersShare()));
        out.append("Advantage = how many times better quicidl (or the pattern under test) did than the peer:\n")
                .append("above 1.00× it is better, below 1.00× worse, whichever direction the unit favours.\n")
                .append("Where a measure ran in rounds, a value is the median of the rounds with their min–max in\n")
                .append("brackets, and the advantage compares medians.\n\n");
        boolean jdk25 = !run.jdk25().isEmpty();
        if (jdk25) {
            out.append("The JDK 25 columns are the same measures run again in a child JVM on ")
                    .append(run.jdk25().jvm())
                    .append(".\n\n");
        }
        out.append("| measure | metric | quicidl | peer | peer value | advantage |")
                .append(jdk25 ? " quicidl, JDK 25 | peer value, JDK 25 | advantage, JDK 25 |" : "")
                .append(" notes |\n");
        out.append(jdk25 ? "|---|---|---|---|---|---|---|---|---|---|\n" : "|---|---|---|---|---|---|---|\n");
        for (Comparison comparison : comparisons) {
            Comparison onJdk25 = run.jdk25().of(comparison);
            if (comparison.peers().isEmpty()) {
                row(out, comparison, null, onJdk25, jdk25);
            }
            for (Comparison.Sample peer : comparison.peers()) {
                row(out, comparison, peer, onJdk25, jdk25);
            }
        }
        charts(out, charts);
        return out.toString();
    }

    /** Each chart as an image with a relative link, so the report shows them wherever the folder is copied. */
    private static void charts(StringBuilder out, List<ChartFile> charts) {
        if (charts.isEmpty()) {
            return;
        }
        out.append("\n## Charts\n\n");
        for (ChartFile chart : charts) {
            out.append("### ")
                    .append(chart.title())
                    .append("\n\n![")
                    .append(chart.title())
                    .append("](")
                    .append(chart.fileName())
                    .append(")\n\n");
        }
    }

    /** One row: the subject against {@code peer} (none: a figure without peers), then the JDK 25 cells if any. */
    private static void row(
            StringBuilder out,
            Comparison comparison,
            Comparison.Sample peer,
            Comparison onJdk25,
            boolean jdk25Columns) {
        out.append("| ")
                .append(comparison.measure())
                .append(" | ")
                .append(comparison.metric())
                .append(" | ");
        cells(out, comparison, peer, true);
        if (jdk25Columns) {
            if (onJdk25 == null) {
                out.append("— | — | — | ");
            } else {
                Comparison.Sample peerOnJdk25 = peer == null
                        ? null
                        : onJdk25.peers().stream()
                                .filter(other -> other.system().equals(peer.system()))
                                .findFirst()
                                .orElse(null);
                cells(out, onJdk25, peerOnJdk25, false);
            }
        }
        out.append(comparison.note()).append(" |\n");
    }

    /** The subject's value, optionally the peer's name, the peer's value and the advantage. */
    private static void cells(StringBuilder out, Comparison comparison, Comparison.Sample peer, boolean peerName) {
        out.append(comparison.subject().system())
                .append(": ")
                .append(value(comparison.subject(), comparison.unit()))
                .append(" | ");
        if (peerName) {
            out.append(peer == null ? "—" : peer.system()).append(" | ");
        }
        double advantage = peer == null ? Double.NaN : comparison.advantageOver(peer);
        out.append(peer == null ? "—" : value(peer, comparison.unit()))
                .append(" | ")
                .append(Double.isFinite(advantage) ? String.format(Locale.ROOT, "%.2f×", advantage) : "—")
                .append(" | ");
    }

    /** The value and unit, then the rounds' min–max when there were several. */
    static String value(Comparison.Sample sample, String unit) {
        if (!Double.isFinite(sample.value())) {
            return "n/a";
        }
        String value = number(sample.value()) + " " + unit;
        return sample.runs() > 1 ? value + " (" + number(sample.min()) + "–" + number(sample.max()) + ")" : value;
    }

    private static String number(double value) {
        return Math.abs(value) >= 100
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    /** What the run was: the first table of the report. */
    record RunInfo(
            String command,
            boolean quick,
            String date,
            String jvm,
            String jvmOptions,
            String os,
            int cpus,
            long seconds,
            BoxLoad load,
            Jdk25Column jdk25) {}
}
