package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.charts.ChartSeries;
import io.quicidl.benchmarks.charts.ChartSink;
import io.quicidl.benchmarks.charts.ChartSpec;
import io.quicidl.benchmarks.quicidl.BenchClient;
import io.quicidl.benchmarks.quicidl.Chunk;
import io.quicidl.benchmarks.quicidl.StreamRequest;
import io.quicidl.benchmarks.relay.LossyUdpRelay;
import io.quicidl.benchmarks.relay.RelayConditions;
import io.quicidl.benchmarks.relay.RelayedBenchServer;
import io.quicidl.runtime.CongestionControl;
import io.quicidl.runtime.CongestionControl.Algorithm;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.ResponseStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Measure 5: head-of-line blocking. Through relays that drop datagrams at random, the client asks
 * for many responses as one {@code @unordered} call (each response on its own stream: a lost
 * packet delays only its own response) and as one {@code @server_streaming} call (one ordered
 * stream: a lost packet delays everything behind it). Each run uses a fresh connection and relay,
 * so both patterns start from the same congestion state; the two patterns alternate which goes
 * first. Reports the medians, with min–max, of completion time and of the mean and 90th
 * percentile of the times at which responses became available to the application:
 * head-of-line blocking shows in those, not in the last response.
 *
 * <p>The expectation: a loss holds back the ordered stream for about a round trip, during which
 * the unordered call still delivers every response already complete behind the hole — many
 * responses when many are in flight (small responses, a long round trip, a window that random
 * loss does not collapse: BBR), almost none under CUBIC on a short path, where the window holds
 * less than one 64 KiB response (the last scenario keeps that row). What the runs of 2026-12-04
 * showed instead: within about ±10% on the long path under BBR, and {@code @unordered} slower
 * under CUBIC; the per-response stream costs (opening, a read request per stream, quiche's
 * sequential sending) take back what the holes cost the ordered stream. The server sends under
 * the scenario's controller; the relay's bottleneck (rate and queue) stands for the path's
 * slowest link.
 */
public final class HeadOfLineBlocking implements Measure {
    /** {@code -Dbench.verbose=true} prints every run. */
    private static final boolean VERBOSE = Boolean.getBoolean("bench.verbose");

    /** A long path: 40 ms round trip, 1% random loss each way, a 20 Mbit/s bottleneck with a one-BDP queue. */
    static final RelayConditions LONG_PATH = RelayConditions.PERFECT
            .withDrop(0.01)
            .withDelay(Duration.ofMillis(20))
            .withRateLimit(2_500_000, 100 << 10);

    /** A short path: 1 ms each way, 3% loss, some reordering, no bottleneck (the earlier measure 5). */
    static final RelayConditions SHORT_PATH = RelayConditions.PERFECT
            .withDrop(0.03)
            .withDelay(Duration.ofMillis(1))
            .withReordering(0.02, Duration.ofMillis(2));

    /** One path, response shape and controller, reported as its own rows. */
    record Scenario(String name, RelayConditions path, int responses, int responseBytes, Algorithm controller) {}

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("40 ms RTT, 1% loss, BBR", LONG_PATH, 200, 16 << 10, Algorithm.BBR),
            new Scenario("40 ms RTT, 1% loss, CUBIC", LONG_PATH, 200, 16 << 10, Algorithm.CUBIC),
            new Scenario("2 ms RTT, 3% loss, CUBIC, 64 KiB", SHORT_PATH, 100, 64 << 10, Algorithm.CUBIC));

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
        int runs = settings.pick(5, 1);
        List<Comparison> rows = new ArrayList<>();
        long seed = 5;
        for (Scenario scenario : SCENARIOS) {
            rows.addAll(run(scenario, runs, seed++, settings.charts()));
        }
        return rows;
    }

    private static List<Comparison> run(Scenario scenario, int runs, long seed, ChartSink charts) {
        List<Timing> unordered = new ArrayList<>();
        List<Timing> streaming = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long[] datagrams = new long[3]; // dropped at random, dropped by the bottleneck's queue, received
        try (RelayedBenchServer server = new RelayedBenchServer(
                frame -> {}, scenario.path(), scenario.path(), seed, CongestionControl.of(scenario.controller()))) {
            // A short untimed call of each kind first: class loading and JIT would otherwise land on the first pattern.
            warmUp(server, scenario);
            for (int run = 0; run < 2 * runs; run++) {
                // Alternate which pattern goes first in each pair of runs.
                boolean scatter = (run % 2 == 0) == ((run / 2) % 2 == 0);
                try {
                    Timing timing = timeOneCall(server, scenario, scatter, datagrams);
                    (scatter ? unordered : streaming).add(timing);
                    if (VERBOSE) {
                        System.out.printf(
                                "   %s %s %s%n", scenario.name(), scatter ? "@unordered" : "@server_streaming", timing);
                    }
                } catch (RuntimeException e) {
                    failures.add((scatter ? "@unordered" : "@server_streaming") + ": " + e);
                }
            }
        }
        if (unordered.isEmpty() || streaming.isEmpty()) {
            throw new IllegalStateException(scenario.name() + ": every call of a pattern failed: " + failures);
        }
        String note = String.format(
                Locale.ROOT,
                "%d responses × %d KiB, median of %d run(s) each on fresh connections; server sends under %s;"
                        + " relay each way: %s (of %,d datagrams: %.1f%% dropped at random, %.1f%% by the"
                        + " bottleneck's queue)%s",
                scenario.responses(),
                scenario.responseBytes() >> 10,
                runs,
                scenario.controller(),
                scenario.path().describe(),
                datagrams[2],
                100.0 * datagrams[0] / Math.max(1, datagrams[2]),
                100.0 * datagrams[1] / Math.max(1, datagrams[2]),
                failures.isEmpty() ? "" : "; FAILED calls: " + String.join("; ", failures));
        String measure = "5. head-of-line blocking, " + scenario.name();
        ChartSpec chart = chart(scenario);
        charts.add(chart, medianRun("@unordered", unordered));
        charts.add(chart, medianRun("@server_streaming", streaming));
        return List.of(
                row(measure, "mean time a response became available", unordered, streaming, Timing::meanMillis, note),
                row(measure, "p90 time a response became available", unordered, streaming, Timing::p90Millis, note),
                row(
                        measure,
                        "completion time, " + scenario.responses() + " × " + (scenario.responseBytes() >> 10) + " KiB",
                        unordered,
                        streaming,
                        Timing::completionMillis,
                        note));
    }

    private static Comparison row(
            String measure,
            String metric,
            List<Timing> unordered,
            List<Timing> streaming,
            ToDoubleFunction<Timing> value,
            String note) {
        return new Comparison(
                measure,
                metric,
                "ms",
                Better.LOWER,
                Sample.ofRounds("@unordered", values(unordered, value)),
                List.of(Sample.ofRounds("@server_streaming", values(streaming, value))),
                note);
    }

    /** The chart of {@code scenario}: one line per pattern, its responses in the order they became available. */
    static ChartSpec chart(Scenario scenario) {
        String slug = scenario.name()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return ChartSpec.linear(
                "m5-" + slug,
                "Measure 5: when each response became available, " + scenario.name() + " (" + scenario.responses()
                        + " × " + (scenario.responseBytes() >> 10) + " KiB)",
                "responses available (count, in the order they became available)",
                "time since the call started (ms)");
    }

    /** The run of median mean availability, as (n-th response available, ms): a typical run, not a merge. */
    private static ChartSeries medianRun(String pattern, List<Timing> timings) {
        List<Timing> byMean = timings.stream()
                .sorted(Comparator.comparingLong(Timing::meanNanos))
                .toList();
        double[] millis = byMean.get((byMean.size() - 1) / 2).availableMillis();
        double[] count = new double[millis.length];
        for (int i = 0; i < count.length; i++) {
            count[i] = i + 1;
        }
        String label = timings.size() == 1 ? pattern : pattern + " (median of " + timings.size() + " runs by mean)";
        return new ChartSeries(label, count, millis);
    }

    private static List<Double> values(List<Timing> timings, ToDoubleFunction<Timing> value) {
        return timings.stream().map(value::applyAsDouble).toList();
    }

    /** One call on a fresh connection and relay; adds the relay's drops and datagrams to {@code datagrams}. */
    private static Timing timeOneCall(RelayedBenchServer server, Scenario scenario, boolean scatter, long[] datagrams) {
        try (RelayedBenchServer.RelayedClient connection = server.connect()) {
            BenchClient bench = new BenchClient(connection.client());
            Timing timing = scatter ? scatter(bench, scenario) : download(bench, scenario);
            for (LossyUdpRelay.Direction direction : LossyUdpRelay.Direction.values()) {
                LossyUdpRelay.Counters counters = connection.relay().counters(direction);
                datagrams[0] += counters.droppedAtRandom();
                datagrams[1] += counters.droppedByQueue();
                datagrams[2] += counters.received();
            }
            return timing;
        }
    }

    private static void warmUp(RelayedBenchServer server, Scenario scenario) {
        try (RelayedBenchServer.RelayedClient connection = server.connect()) {
            BenchClient bench = new BenchClient(connection.client());
            StreamRequest few = StreamRequest.newBuilder()
                    .count(10)
                    .messageBytes(scenario.responseBytes())
                    .build();
            try (ResponseStream<Indexed<Chunk>> responses = bench.scatter(few)) {
                responses.forEach(response -> {});
            }
            try (ResponseStream<Chunk> responses = bench.download(few)) {
                responses.forEach(response -> {});
            }
        }
    }

    private static Timing scatter(BenchClient bench, Scenario scenario) {
        int expected = scenario.responses();
        long start = System.nanoTime();
        long[] arrivals = new long[expected];
        int count = 0;
        BitSet seen = new BitSet(expected);
        try (ResponseStream<Indexed<Chunk>> responses = bench.scatter(request(scenario))) {
            for (Indexed<Chunk> response : responses) {
                long now = System.nanoTime();
                check(response.value(), (int) response.index(), scenario);
                seen.set((int) response.index());
                if (count < expected) {
                    arrivals[count] = now - start;
                }
                count++;
            }
        }
        long end = System.nanoTime();
        if (seen.cardinality() != expected || count != expected) {
            throw new IllegalStateException(
                    "@unordered returned " + count + " responses, " + seen.cardinality() + " distinct, of " + expected);
        }
        return Timing.of(arrivals, end - start);
    }

    private static Timing download(BenchClient bench, Scenario scenario) {
        int expected = scenario.responses();
        long start = System.nanoTime();
        long[] arrivals = new long[expected];
        int count = 0;
        try (ResponseStream<Chunk> responses = bench.download(request(scenario))) {
            Iterator<Chunk> iterator = responses.iterator();
            while (iterator.hasNext()) {
                Chunk chunk = iterator.next();
                long now = System.nanoTime();
                check(chunk, count, scenario);
                if (count < expected) {
                    arrivals[count] = now - start;
                }
                count++;
            }
        }
        long end = System.nanoTime();
        if (count != expected) {
            throw new IllegalStateException("@server_streaming returned " + count + " of " + expected);
        }
        return Timing.of(arrivals, end - start);
    }

    private static void check(Chunk chunk, int expectedIndex, Scenario scenario) {
        if (chunk.index() != expectedIndex || chunk.data().size() != scenario.responseBytes()) {
            throw new IllegalStateException("unexpected chunk " + chunk.index() + " of "
                    + chunk.data().size() + " bytes, expected " + expectedIndex);
        }
    }

    private static StreamRequest request(Scenario scenario) {
        return StreamRequest.newBuilder()
                .count(scenario.responses())
                .messageBytes(scenario.responseBytes())
                .build();
    }

    /**
     * One call, from its start: when responses became available to the application (the first,
     * the mean over all of them, the 90th percentile) and when the call ended.
     */
    private record Timing(
            long firstNanos, long meanNanos, long p90Nanos, long completionNanos, double[] availableMillis) {
        /** {@code arrivals}: every response's arrival, in the order they arrived. */
        static Timing of(long[] arrivals, long completionNanos) {
            long[] sorted = arrivals.clone();
            Arrays.sort(sorted);
            long mean = Math.round(Arrays.stream(sorted).average().orElse(Double.NaN));
            int p90 = (int) Math.ceil(0.9 * sorted.length) - 1;
            return new Timing(
                    sorted[0],
                    mean,
                    sorted[p90],
                    completionNanos,
                    Arrays.stream(sorted).mapToDouble(nanos -> nanos / 1e6).toArray());
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
