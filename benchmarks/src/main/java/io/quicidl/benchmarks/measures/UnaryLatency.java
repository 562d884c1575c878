package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.systems.EchoClient;
import io.quicidl.benchmarks.systems.Systems;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Measure 1: latency of one 64-byte unary call at a time, 64 bytes back. The systems take turns
 * in several rounds, so that drift on a shared box spreads over all of them, after a warm-up long
 * enough for the JIT to settle (with less, compilations show up as the p99). Each figure is the
 * median of the rounds' percentiles, with their min–max.
 */
public final class UnaryLatency implements Measure {
    static final int PAYLOAD_BYTES = 64;

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String id() {
        return "unary-latency";
    }

    @Override
    public List<Comparison> run(SuiteSettings settings) throws Exception {
        int rounds = settings.pick(4, 2);
        int warmup = settings.pick(20_000, 500);
        int calls = settings.pick(10_000, 500);
        byte[] request = new byte[PAYLOAD_BYTES];
        Arrays.fill(request, (byte) 'q');
        RoundSamples p50 = new RoundSamples();
        RoundSamples p99 = new RoundSamples();
        // Every call of every round per system: the chart's distribution.
        Map<String, Histogram> all = new LinkedHashMap<>();
        try (SystemRun run = SystemRun.start(1, Systems.forUnary())) {
            for (SystemRun.Running system : run.systems()) {
                EchoClient client = system.clients().get(0);
                for (int i = 0; i < warmup; i++) {
                    check(request, client.unary(request));
                }
            }
            Histogram histogram = new Histogram(3);
            for (int round = 0; round < rounds; round++) {
                for (SystemRun.Running system : run.systems()) {
                    histogram.reset();
                    EchoClient client = system.clients().get(0);
                    for (int i = 0; i < calls; i++) {
                        long started = System.nanoTime();
                        byte[] response = client.unary(request);
                        histogram.recordValue(System.nanoTime() - started);
                        check(request, response);
                    }
                    // Each round's percentiles: the rounds' spread shows how far drift moved them.
                    p50.add(system.system().name(), histogram.getValueAtPercentile(50) / 1_000.0);
                    p99.add(system.system().name(), histogram.getValueAtPercentile(99) / 1_000.0);
                    all.computeIfAbsent(system.system().name(), name -> new Histogram(3))
                            .add(histogram);
                }
            }
        }
        all.forEach((system, histogram) ->
                settings.charts().add(PercentileCurve.UNARY_LATENCY, PercentileCurve.micros(system, histogram)));
        String note =
                RoundSamples.rounds(rounds) + " × " + calls + " calls per system, after " + warmup + " warm-up calls";
        return List.of(percentile("p50", p50, note), percentile("p99", p99, note));
    }

    private static Comparison percentile(String metric, RoundSamples samples, String note) {
        return new Comparison(
                "1. unary latency, 1 in flight, 64 B",
                metric,
                "µs",
                Better.LOWER,
                samples.subject(),
                samples.peers(),
                note);
    }

    private static void check(byte[] request, byte[] response) {
        if (!Arrays.equals(request, response)) {
            throw new IllegalStateException(
                    "echo returned " + response.length + " other bytes than the " + PAYLOAD_BYTES + " sent");
        }
    }
}
