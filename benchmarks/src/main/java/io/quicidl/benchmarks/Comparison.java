package io.quicidl.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * One figure of one measure: the subject's value (quicidl, or the quicidl pattern under test)
 * against every peer's value for the same work in the same run.
 */
public record Comparison(
        String measure, String metric, String unit, Better better, Sample subject, List<Sample> peers, String note) {

    /** Which direction of a value is the good one. */
    public enum Better {
        HIGHER,
        LOWER
    }

    /**
     * One system's value; {@code NaN} when it could not be measured (the note says why). Measured in
     * {@code runs} rounds, the value is their median and {@code min}/{@code max} their spread.
     */
    public record Sample(String system, double value, double min, double max, int runs) {
        /** A value from one run. */
        public Sample(String system, double value) {
            this(system, value, value, value, 1);
        }

        /** The median of {@code values} (one per round), with their minimum and maximum. */
        public static Sample ofRounds(String system, List<Double> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no rounds of " + system);
            }
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            return new Sample(system, median, sorted[0], sorted[sorted.length - 1], sorted.length);
        }
    }

    public Comparison {
        peers = List.copyOf(peers);
        note = note == null ? "" : note;
    }

    /** How many times better the subject did than {@code peer} (medians): above 1 is better, below 1 is worse. */
    public double advantageOver(Sample peer) {
        return better == Better.HIGHER ? subject.value() / peer.value() : peer.value() / subject.value();
    }
}
