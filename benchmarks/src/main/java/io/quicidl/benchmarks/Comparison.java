package io.quicidl.benchmarks;

import java.util.List;

/**
 * One figure of one measure: the subject's value (quicidl, or the quicidl pattern under test)
 * against every peer's value for the same work in the same run.
 */
public record Comparison(String measure, String metric, String unit, Better better, Sample subject,
        List<Sample> peers, String note) {

    /** Which direction of a value is the good one. */
    public enum Better { HIGHER, LOWER }

    /** One system's value; {@code NaN} when it could not be measured (the note says why). */
    public record Sample(String system, double value) {}

    public Comparison {
        peers = List.copyOf(peers);
        note = note == null ? "" : note;
    }

    /** How many times better the subject did than {@code peer}: above 1 is better, below 1 is worse. */
    public double advantageOver(Sample peer) {
        return better == Better.HIGHER ? subject.value() / peer.value() : peer.value() / subject.value();
    }
}
