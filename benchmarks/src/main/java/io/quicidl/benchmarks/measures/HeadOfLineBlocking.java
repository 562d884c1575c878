package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.quicidl.BenchClient;
import io.quicidl.benchmarks.quicidl.Chunk;
import io.quicidl.benchmarks.quicidl.StreamRequest;
import io.quicidl.benchmarks.relay.LossyUdpRelay;
import io.quicidl.benchmarks.relay.RelayConditions;
import io.quicidl.benchmarks.relay.RelayedBenchServer;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.ResponseStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Measure 5: head-of-line blocking. Through a relay that drops 3% of datagrams each way and
 * reorders some, the client asks for 100 responses of 64 KiB as one {@code @unordered} call
 * (each response on its own stream: a lost packet delays only its own response) and as one
 * {@code @server_streaming} call (one ordered stream: a lost packet delays everything behind it).
 * Each run uses a fresh connection and relay, so both patterns start from the same congestion
 * state; the two patterns alternate which goes first. Reports the medians of completion time, of
 * time to first response, and of the mean and 90th percentile of the times at which responses
 * became available to the application: head-of-line blocking shows in those, not in the first
 * or the last response. The relay adds {@link #ONE_WAY_DELAY} each way.
 *
 * <p>What to expect: QUIC sends the {@code @unordered} responses one after another
 * (non-incremental priority), and under 3% loss the congestion window stays at a few packets,
 * less than one 64 KiB response. A lost packet then delays the ordered stream by about a round
 * trip, during which the unordered call could only deliver responses that are already complete
 * behind it, which is rare when every response spans several round trips. The advantage grows as
 * responses shrink relative to the window ({@code -Dbench.hol.responseBytes}) and as the round
 * trip grows.
 */
public final class HeadOfLineBlocking implements Measure {
    private static final int RESPONSES = 100;
    /** {@code -Dbench.hol.responseBytes} overrides it (smaller responses, more of them per round trip). */
    private static final int RESPONSE_BYTES = Integer.getInteger("bench.hol.responseBytes", 64 << 10);
    /**
     * One-way delay the relay adds, so that recovering a lost packet costs a round trip as on a
     * real path (with none, the loopback round trip is a fraction of a millisecond and a loss
     * costs almost nothing). Small, because 3% loss keeps the congestion window to a few packets:
     * the call's time grows with the round trip (about 0.5 s per call with none, 2.5 s with 1 ms,
     * 3.5 s with 2 ms and 7 s with 5 ms each way on this box), and 1 ms keeps the measure under
     * a minute or so. {@code -Dbench.hol.delayMs} overrides it.
     */
    static final Duration ONE_WAY_DELAY = Duration.ofMillis(Long.getLong("bench.hol.delayMs", 1));

    static final RelayConditions PATH =
            RelayConditions.PERFECT.withDrop(0.03).withDelay(ONE_WAY_DELAY).withReordering(0.02, Duration.ofMillis(2));
    /** {@code -Dbench.verbose=true} prints every run. */
    private static final boolean VERBOSE = Boolean.getBoolean("bench.verbose");

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String id() {
        return "head-of-line";
    }

    @Override
    public List<Comparison> run(SuiteSettings settings) {
        int runs = settings.pick(8, 1);
        List<Timing> unordered = new ArrayList<>();
        List<Timing> streaming = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long[] datagrams = new long[2]; // Dropped at random, received by the relay: both ways, all runs.
        try (RelayedBenchServer server = new RelayedBenchServer(frame -> {}, PATH, PATH, 5)) {
            // A short untimed call of each kind first: class loading and JIT would otherwise land on the first pattern.
            warmUp(server);
            for (int run = 0; run < 2 * runs; run++) {
                // Alternate which pattern goes first in each pair of runs.
                boolean scatter = (run % 2 == 0) == ((run / 2) % 2 == 0);
                try {
                    Timing timing = timeOneCall(server, scatter, datagrams);
                    (scatter ? unordered : streaming).add(timing);
                    if (VERBOSE) {
                        System.out.printf("   %s %s%n", scatter ? "@unordered" : "@server_streaming", timing);
                    }
                } catch (RuntimeException e) {
                    failures.add((scatter ? "@unordered" : "@server_streaming") + ": " + e);
                }
            }
        }
        if (unordered.isEmpty() || streaming.isEmpty()) {
            throw new IllegalStateException("every call of a pattern failed: " + failures);
        }
        long droppedDatagrams = datagrams[0];
        long relayedDatagrams = datagrams[1];
        String note = String.format(
                Locale.ROOT,
                "%d responses × %d KiB, median of %d run(s) each on fresh connections; relay each way: %s "
                        + "(%.1f%% of %,d datagrams dropped)%s",
                RESPONSES,
                RESPONSE_BYTES >> 10,
                runs,
                PATH.describe(),
                100.0 * droppedDatagrams / Math.max(1, relayedDatagrams),
                relayedDatagrams,
                failures.isEmpty() ? "" : "; FAILED calls: " + String.join("; ", failures));
        return List.of(
                new Comparison(
                        "5. head-of-line blocking, 3% loss",
                        "completion time, " + RESPONSES + " × " + (RESPONSE_BYTES >> 10) + " KiB",
                        "ms",
                        Better.LOWER,
                        new Sample("@unordered", median(unordered, Timing::completionMillis)),
                        List.of(new Sample("@server_streaming", median(streaming, Timing::completionMillis))),
                        note),
                new Comparison(
                        "5. head-of-line blocking, 3% loss",
                        "time to first response",
                        "ms",
                        Better.LOWER,
                        new Sample("@unordered", median(unordered, Timing::firstMillis)),
                        List.of(new Sample("@server_streaming", median(streaming, Timing::firstMillis))),
                        note),
                new Comparison(
                        "5. head-of-line blocking, 3% loss",
                        "mean time a response became available",
                        "ms",
                        Better.LOWER,
                        new Sample("@unordered", median(unordered, Timing::meanMillis)),
                        List.of(new Sample("@server_streaming", median(streaming, Timing::meanMillis))),
                        note),
                new Comparison(
                        "5. head-of-line blocking, 3% loss",
                        "p90 time a response became available",
                        "ms",
                        Better.LOWER,
                        new Sample("@unordered", median(unordered, Timing::p90Millis)),
                        List.of(new Sample("@server_streaming", median(streaming, Timing::p90Millis))),
                        note));
    }

    /** One call on a fresh connection and relay; adds the relay's drops and datagrams to {@code datagrams}. */
    private static Timing timeOneCall(RelayedBenchServer server, boolean scatter, long[] datagrams) {
        try (RelayedBenchServer.RelayedClient connection = server.connect()) {
            BenchClient bench = new BenchClient(connection.client());
            Timing timing = scatter ? scatter(bench) : download(bench);
            for (LossyUdpRelay.Direction direction : LossyUdpRelay.Direction.values()) {
                datagrams[0] += connection.relay().counters(direction).droppedAtRandom();
                datagrams[1] += connection.relay().counters(direction).received();
            }
            return timing;
        }
    }

    private static void warmUp(RelayedBenchServer server) {
        try (RelayedBenchServer.RelayedClient connection = server.connect()) {
            BenchClient bench = new BenchClient(connection.client());
            StreamRequest few = StreamRequest.newBuilder()
                    .count(10)
                    .messageBytes(RESPONSE_BYTES)
                    .build();
            try (ResponseStream<Indexed<Chunk>> responses = bench.scatter(few)) {
                responses.forEach(response -> {});
            }
            try (ResponseStream<Chunk> responses = bench.download(few)) {
                responses.forEach(response -> {});
            }
        }
    }

    private static Timing scatter(BenchClient bench) {
        long start = System.nanoTime();
        long[] arrivals = new long[RESPONSES];
        int count = 0;
        BitSet seen = new BitSet(RESPONSES);
        try (ResponseStream<Indexed<Chunk>> responses = bench.scatter(request())) {
            for (Indexed<Chunk> response : responses) {
                long now = System.nanoTime();
                check(response.value(), (int) response.index());
                seen.set((int) response.index());
                if (count < RESPONSES) {
                    arrivals[count] = now - start;
                }
                count++;
            }
        }
        long end = System.nanoTime();
        if (seen.cardinality() != RESPONSES || count != RESPONSES) {
            throw new IllegalStateException("@unordered returned " + count + " responses, " + seen.cardinality()
                    + " distinct, of " + RESPONSES);
        }
        return Timing.of(arrivals, end - start);
    }

    private static Timing download(BenchClient bench) {
        long start = System.nanoTime();
        long[] arrivals = new long[RESPONSES];
        int count = 0;
        try (ResponseStream<Chunk> responses = bench.download(request())) {
            Iterator<Chunk> iterator = responses.iterator();
            while (iterator.hasNext()) {
                Chunk chunk = iterator.next();
                long now = System.nanoTime();
                check(chunk, count);
                arrivals[count++] = now - start;
            }
        }
        long end = System.nanoTime();
        if (count != RESPONSES) {
            throw new IllegalStateException("@server_streaming returned " + count + " of " + RESPONSES);
        }
        return Timing.of(arrivals, end - start);
    }

    private static void check(Chunk chunk, int expectedIndex) {
        if (chunk.index() != expectedIndex || chunk.data().size() != RESPONSE_BYTES) {
            throw new IllegalStateException("unexpected chunk " + chunk.index() + " of "
                    + chunk.data().size() + " bytes, expected " + expectedIndex);
        }
    }

    private static StreamRequest request() {
        return StreamRequest.newBuilder()
                .count(RESPONSES)
                .messageBytes(RESPONSE_BYTES)
                .build();
    }

    private static double median(List<Timing> timings, ToDoubleFunction<Timing> metric) {
        if (timings.isEmpty()) {
            return Double.NaN;
        }
        double[] millis = timings.stream().mapToDouble(metric).sorted().toArray();
        int middle = millis.length / 2;
        return millis.length % 2 == 1 ? millis[middle] : (millis[middle - 1] + millis[middle]) / 2;
    }

    /**
     * One call, from its start: when responses became available to the application (the first,
     * the mean over all of them, the 90th percentile) and when the call ended.
     */
    private record Timing(long firstNanos, long meanNanos, long p90Nanos, long completionNanos) {
        /** {@code arrivals}: every response's arrival, in the order they arrived. */
        static Timing of(long[] arrivals, long completionNanos) {
            long[] sorted = arrivals.clone();
            Arrays.sort(sorted);
            long mean = Math.round(Arrays.stream(sorted).average().orElse(Double.NaN));
            int p90 = (int) Math.ceil(0.9 * sorted.length) - 1;
            return new Timing(sorted[0], mean, sorted[p90], completionNanos);
        }

        double firstMillis() {
            return firstNanos / 1e6;
        }

        double meanMillis() {
            return meanNanos / 1e6;
        }

        double p90Millis() {
            return p90Nanos / 1e6;
        }

        double completionMillis() {
            return completionNanos / 1e6;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "first %.1f ms, mean %.1f ms, p90 %.1f ms, completion %.1f ms",
                    firstMillis(),
                    meanMillis(),
                    p90Millis(),
                    completionMillis());
        }
    }

    /** Runs the measure alone and prints every run (for tuning the relay settings). */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        new HeadOfLineBlocking().run(new SuiteSettings(quick)).forEach(System.out::println);
        System.exit(0);
    }
}
