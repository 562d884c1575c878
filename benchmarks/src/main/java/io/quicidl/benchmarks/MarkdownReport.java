package io.quicidl.benchmarks;

import java.util.List;
import java.util.Locale;

/** Renders a run as the Markdown table of {@code benchmarks/results/latest.md}. */
final class MarkdownReport {
    private MarkdownReport() {}

    static String render(RunInfo run, List<Comparison> comparisons) {
        StringBuilder out = new StringBuilder();
        out.append("# quicidl benchmark results\n\n");
        out.append(run.load().noisy() ? "**" + run.load().verdict() + "**" : run.load().verdict()).append("\n\n");
        out.append("Written by the benchmark suite; do not edit by hand. Ratios are what to quote: absolute\n")
                .append("numbers drift between runs on a shared 2-core box.\n\n");
        out.append("| setting | value |\n|---|---|\n");
        out.append("| command | `").append(run.command()).append("` |\n");
        out.append("| mode | ").append(run.quick() ? "quick (proves it works; numbers mean little)" : "full").append(" |\n");
        out.append("| date | ").append(run.date()).append(" |\n");
        out.append("| JVM | ").append(run.jvm()).append(" |\n");
        out.append("| JVM options | `").append(run.jvmOptions()).append("` |\n");
        out.append("| OS | ").append(run.os()).append(" |\n");
        out.append("| CPUs | ").append(run.cpus()).append(" |\n");
        out.append("| suite time | ").append(run.seconds()).append(" s |\n");
        out.append(String.format(Locale.ROOT, "| load average (1 min) | %.2f before, %.2f after |\n\n",
                run.load().before(), run.load().after()));
        out.append("Advantage = how many times better quicidl (or the pattern under test) did than the peer:\n")
                .append("above 1.00× it is better, below 1.00× worse, whichever direction the unit favours.\n")
                .append("Where a measure ran in rounds, a value is the median of the rounds with their min–max in\n")
                .append("brackets, and the advantage compares medians.\n\n");
        out.append("| # | measure | metric | quicidl | peer | peer value | advantage | notes |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Comparison comparison : comparisons) {
            String subject = comparison.subject().system() + ": " + value(comparison.subject(), comparison.unit());
            if (comparison.peers().isEmpty()) {
                row(out, comparison, subject, "—", "—", "—");
            }
            for (Comparison.Sample peer : comparison.peers()) {
                double advantage = comparison.advantageOver(peer);
                row(out, comparison, subject, peer.system(), value(peer, comparison.unit()),
                        Double.isFinite(advantage) ? String.format(Locale.ROOT, "%.2f×", advantage) : "—");
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Comparison comparison, String subject, String peer, String peerValue,
            String advantage) {
        out.append("| ").append(comparison.measure()).append(" | ").append(comparison.metric()).append(" | ")
                .append(subject).append(" | ").append(peer).append(" | ").append(peerValue).append(" | ")
                .append(advantage).append(" | ").append(comparison.note()).append(" |\n");
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
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    /** What the run was: the first table of the report. */
    record RunInfo(String command, boolean quick, String date, String jvm, String jvmOptions, String os, int cpus,
            long seconds, BoxLoad load) {}
}
