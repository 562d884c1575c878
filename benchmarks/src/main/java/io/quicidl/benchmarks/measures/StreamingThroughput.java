package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.systems.EchoClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Measure 3: one server-streaming response stream: messages per second at 1 KiB, and bulk
 * megabytes per second at 64 KiB. Streams repeat until the run's time is used up.
 */
public final class StreamingThroughput implements Measure {
    @Override
    public int number() {
        return 3;
    }

    @Override
    public String id() {
        return "streaming";
    }

    @Override
    public List<Comparison> run(SuiteSettings settings) throws Exception {
        long millis = settings.pick(4_000L, 500L);
        long warmupMillis = settings.pick(2_000L, 200L);
        List<Sample> small = new ArrayList<>();
        List<Sample> bulk = new ArrayList<>();
        int smallCount = settings.pick(20_000, 2_000);
        int bulkCount = settings.pick(1_000, 100);
        try (SystemRun run = SystemRun.start(1)) {
            for (SystemRun.Running system : run.systems()) {
                EchoClient client = system.clients().get(0);
                String name = system.system().name();
                rate(client, smallCount, 1024, warmupMillis);
                small.add(new Sample(name, rate(client, smallCount, 1024, millis) / 1024));
                rate(client, bulkCount, 64 * 1024, warmupMillis);
                bulk.add(new Sample(name, rate(client, bulkCount, 64 * 1024, millis) / 1e6));
            }
        }
        String note = "streams of " + smallCount + " × 1 KiB / " + bulkCount + " × 64 KiB repeated for " + millis + " ms after " + warmupMillis + " ms of the same";
        return List.of(
                new Comparison("3. server streaming, one stream", "1 KiB messages", "msg/s", Better.HIGHER,
                        small.get(0), small.subList(1, small.size()), note),
                new Comparison("3. server streaming, one stream", "64 KiB messages", "MB/s", Better.HIGHER,
                        bulk.get(0), bulk.subList(1, bulk.size()), note));
    }

    /** Bytes per second over whole streams of {@code count} × {@code bytes}, repeated for at least {@code millis}. */
    private static double rate(EchoClient client, int count, int bytes, long millis) throws Exception {
        long started = System.nanoTime();
        long deadline = started + millis * 1_000_000L;
        long received = 0;
        do {
            long got = client.serverStream(count, bytes);
            if (got != (long) count * bytes) {
                throw new IllegalStateException("stream delivered " + got + " bytes, not " + (long) count * bytes);
            }
            received += got;
        } while (System.nanoTime() < deadline);
        return received / ((System.nanoTime() - started) / 1e9);
    }
}
