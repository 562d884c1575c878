package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.systems.EchoClient;
import io.quicidl.benchmarks.systems.Systems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Measure 1: latency of one 64-byte unary call at a time, 64 bytes back. The systems take turns
 * in several rounds, so that drift on a shared box spreads over all of them, after a warm-up long
 * enough for the JIT to settle (with less, compilations show up as the p99).
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
        int rounds = settings.pick(4, 1);
        int warmup = settings.pick(20_000, 500);
        int calls = settings.pick(10_000, 1_000);
        byte[] request = new byte[PAYLOAD_BYTES];
        Arrays.fill(request, (byte) 'q');
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        try (SystemRun run = SystemRun.start(1, Systems.forUnary())) {
            for (SystemRun.Running system : run.systems()) {
                latencies.put(system.system().name(), new Histogram(3));
                EchoClient client = system.clients().get(0);
                for (int i = 0; i < warmup; i++) {
                    check(client.unary(request));
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (SystemRun.Running system : run.systems()) {
                    Histogram histogram = latencies.get(system.system().name());
                    EchoClient client = system.clients().get(0);
                    for (int i = 0; i < calls; i++) {
                        long started = System.nanoTime();
                        byte[] response = client.unary(request);
                        histogram.recordValue(System.nanoTime() - started);
                        check(response);
                    }
                }
            }
        }
        String note = rounds + " rounds × " + calls + " calls per system, after " + warmup + " warm-up calls";
        return List.of(percentile("p50", 50, latencies, note), percentile("p99", 99, latencies, note));
    }

    private static Comparison percentile(String metric, double percentile, Map<String, Histogram> latencies,
            String note) {
        List<Sample> samples = new ArrayList<>();
        latencies.forEach((system, histogram) -> samples.add(
                new Sample(system, histogram.getValueAtPercentile(percentile) / 1_000.0)));
        return new Comparison("1. unary latency, 1 in flight, 64 B", metric, "µs", Better.LOWER, samples.get(0),
                samples.subList(1, samples.size()), note);
    }

    private static void check(byte[] response) {
        if (response.length != PAYLOAD_BYTES) {
            throw new IllegalStateException("echo returned " + response.length + " bytes, not " + PAYLOAD_BYTES);
        }
    }
}
