package io.quicidl.benchmarks.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * What one direction of a {@link LossyUdpRelay} does to the datagrams it passes: random loss, a
 * fixed one-way delay, some reordering and an optional bottleneck link with a bounded queue.
 * Start from {@link #PERFECT} and change what you need with the {@code with…} methods.
 *
 * @param dropProbability chance (0 to 1) that a datagram is dropped at random
 * @param delay one-way delay added to every forwarded datagram
 * @param reorderFraction chance (0 to 1) that a datagram is held back by {@code reorderDelay} more,
 *     so that the ones behind it overtake it
 * @param reorderDelay the extra delay of a held-back datagram
 * @param rateBytesPerSecond bottleneck rate; 0 for none
 * @param queueBytes bytes the bottleneck queues at most; a datagram that does not fit is dropped
 *     (tail drop, as a router does). Ignored without a rate.
 * @param dropFirst how many of the direction's first datagrams are dropped whatever the rest says:
 *     a handshake's first flights lost
 */
public record RelayConditions(
        double dropProbability,
        Duration delay,
        double reorderFraction,
        Duration reorderDelay,
        long rateBytesPerSecond,
        int queueBytes,
        int dropFirst) {

    /** No loss, no delay, no reordering, no rate limit. */
    public static final RelayConditions PERFECT = new RelayConditions(0, Duration.ZERO, 0, Duration.ZERO, 0, 64 << 10);

    /** Conditions that drop none of the first datagrams in particular. */
    public RelayConditions(
            double dropProbability,
            Duration delay,
            double reorderFraction,
            Duration reorderDelay,
            long rateBytesPerSecond,
            int queueBytes) {
        this(dropProbability, delay, reorderFraction, reorderDelay, rateBytesPerSecond, queueBytes, 0);
    }

    public RelayConditions {
        requireFraction(dropProbability, "dropProbability");
        requireFraction(reorderFraction, "reorderFraction");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(reorderDelay, "reorderDelay");
        if (delay.isNegative() || reorderDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative: " + delay + ", " + reorderDelay);
        }
        if (rateBytesPerSecond < 0 || queueBytes <= 0) {
            throw new IllegalArgumentException(
                    "rate must be >= 0 and queue > 0: " + rateBytesPerSecond + " B/s, " + queueBytes + " B");
        }
        if (dropFirst < 0) {
            throw new IllegalArgumentException("dropFirst must be >= 0, got " + dropFirst);
        }
    }

    public RelayConditions withDrop(double probability) {
        return new RelayConditions(
                probability, delay, reorderFraction, reorderDelay, rateBytesPerSecond, queueBytes, dropFirst);
    }

    public RelayConditions withDelay(Duration oneWay) {
        return new RelayConditions(
                dropProbability, oneWay, reorderFraction, reorderDelay, rateBytesPerSecond, queueBytes, dropFirst);
    }

    public RelayConditions withReordering(double fraction, Duration extraDelay) {
        return new RelayConditions(
                dropProbability, delay, fraction, extraDelay, rateBytesPerSecond, queueBytes, dropFirst);
    }

    public RelayConditions withRateLimit(long bytesPerSecond, int queueLimitBytes) {
        return new RelayConditions(
                dropProbability, delay, reorderFraction, reorderDelay, bytesPerSecond, queueLimitBytes, dropFirst);
    }

    /** These conditions, and the direction's first {@code datagrams} datagrams dropped (0: none). */
    public RelayConditions withDropFirst(int datagrams) {
        return new RelayConditions(
                dropProbability, delay, reorderFraction, reorderDelay, rateBytesPerSecond, queueBytes, datagrams);
    }

    /** A short description for report notes, e.g. {@code drop 3%, delay 5 ms, reorder 2% +3 ms}. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        append(out, dropProbability > 0, String.format(java.util.Locale.ROOT, "drop %.1f%%", dropProbability * 100));
        append(out, !delay.isZero(), "delay " + delay.toMillis() + " ms");
        append(
                out,
                reorderFraction > 0,
                String.format(
                        java.util.Locale.ROOT,
                        "reorder %.1f%% +%d ms",
                        reorderFraction * 100,
                        reorderDelay.toMillis()));
        append(
                out,
                rateBytesPerSecond > 0,
                String.format(
                        java.util.Locale.ROOT,
                        "rate %.2f MB/s, queue %d KiB",
                        rateBytesPerSecond / 1e6,
                        queueBytes >> 10));
        append(out, dropFirst > 0, "first " + dropFirst + " datagrams dropped");
        return out.length() == 0 ? "perfect" : out.toString();
    }

    private static void append(StringBuilder out, boolean present, String text) {
        if (present) {
            out.append(out.length() == 0 ? "" : ", ").append(text);
        }
    }

    private static void requireFraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, got " + value);
        }
    }
}
