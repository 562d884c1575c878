package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.systems.EchoClient;
import java.util.List;

/**
 * Measure 3: one server-streaming response stream: messages per second at 1 KiB, and bulk
 * megabytes per second at 64 KiB. Streams repeat until the run's time is used up; the systems take
 * turns in interleaved rounds, each figure the median of the rounds with their min–max.
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
        int rounds = settings.pick(3, 1);
        long millis = settings.pick(2_000L, 400L);
        long warmupMillis = settings.pick(2_000L, 200L);
        RoundSamples small = new RoundSamples();
        RoundSamples bulk = new RoundSamples();
        int smallCount = settings.pick(20_000, 2_000);
        int bulkCount = settings.pick(1_000, 100);
        try (SystemRun run = SystemRun.start(1)) {
            for (SystemRun.Running system : run.systems()) {
                EchoClient client = system.clients().get(0);
                rate(client, smallCount, 1024, warmupMillis);
                rate(client, bulkCount, 64 * 1024, warmupMillis);
            }
            for (int round = 0; round < rounds; round++) {
                for (SystemRun.Running system : run.systems()) {
                    EchoClient client = system.clients().get(0);
                    String name = system.system().name();
                    small.add(name, rate(client, smallCount, 1024, millis) / 1024);
                    bulk.add(name, rate(client, bulkCount, 64 * 1024, millis) / 1e6);
                }
            }
        }
        String note = RoundSamples.rounds(rounds) + " of streams of " + smallCount + " × 1 KiB / " + bulkCount
                + " × 64 KiB repeated for " + millis + " ms per system, after " + warmupMillis + " ms of each";
        return List.of(
                new Comparison(
                        "3. server streaming, one stream",
                        "1 KiB messages",
                        "msg/s",
                        Better.HIGHER,
                        small.subject(),
                        small.peers(),
                        note),
                new Comparison(
                        "3. server streaming, one stream",
                        "64 KiB messages",
                        "MB/s",
                        Better.HIGHER,
                        bulk.subject(),
                        bulk.peers(),
                        note));
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
