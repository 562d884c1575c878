package io.quicidl.benchmarks;

import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Comparisons as tab-separated lines, one per sample, so that a child JVM's results come back over
 * its standard output intact: values are written as {@link Double#toString}, which parses back to
 * the same double. Other lines (the child's progress) are ignored when reading.
 */
final class ComparisonLines {
    private static final String PREFIX = "comparison\t";
    private static final String SUBJECT = "subject";
    private static final String PEER = "peer";

    private ComparisonLines() {}

    /** The lines of {@code comparison}: its subject first, then each peer. */
    static List<String> format(Comparison comparison) {
        List<String> lines = new ArrayList<>();
        lines.add(line(comparison, SUBJECT, comparison.subject()));
        comparison.peers().forEach(peer -> lines.add(line(comparison, PEER, peer)));
        return lines;
    }

    private static String line(Comparison comparison, String role, Sample sample) {
        return PREFIX
                + String.join(
                        "\t",
                        comparison.measure(),
                        comparison.metric(),
                        comparison.unit(),
                        comparison.better().name(),
                        role,
                        sample.system(),
                        Double.toString(sample.value()),
                        Double.toString(sample.min()),
                        Double.toString(sample.max()),
                        Integer.toString(sample.runs()),
                        comparison.note());
    }

    /** The comparisons in {@code output}, in the order written. */
    static List<Comparison> parse(List<String> output) {
        Map<String, List<String[]>> byFigure = new LinkedHashMap<>();
        for (String line : output) {
            if (line.startsWith(PREFIX)) {
                // -1 keeps an empty note as a field.
                String[] fields = line.substring(PREFIX.length()).split("\t", -1);
                if (fields.length != 11) {
                    throw new IllegalArgumentException("not a comparison line: " + line);
                }
                byFigure.computeIfAbsent(fields[0] + "\t" + fields[1], figure -> new ArrayList<>())
                        .add(fields);
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (List<String[]> samples : byFigure.values()) {
            String[] first = samples.get(0);
            if (!first[4].equals(SUBJECT)) {
                throw new IllegalArgumentException("figure " + first[0] + " / " + first[1] + " has no subject first");
            }
            List<Sample> peers = samples.subList(1, samples.size()).stream()
                    .map(ComparisonLines::sample)
                    .toList();
            comparisons.add(new Comparison(
                    first[0], first[1], first[2], Better.valueOf(first[3]), sample(first), peers, first[10]));
        }
        return comparisons;
    }

    private static Sample sample(String[] fields) {
        return new Sample(
                fields[5],
                Double.parseDouble(fields[6]),
                Double.parseDouble(fields[7]),
                Double.parseDouble(fields[8]),
                Integer.parseInt(fields[9]));
    }
}
