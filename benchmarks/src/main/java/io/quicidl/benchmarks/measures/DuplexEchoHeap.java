package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.ChildJvm;
import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.systems.Systems;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measure 4: a duplex echo of 4 GiB in a JVM limited to a 64 MiB heap, one child JVM per
 * system (server and client in it): whether it completes, its speed, peak heap and peak RSS. The
 * systems take turns in interleaved rounds; each figure is the median of the rounds with their min–max.
 */
public final class DuplexEchoHeap implements Measure {
    static final String HEAP_LIMIT = "-Xmx64m";

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String id() {
        return "duplex-heap";
    }

    @Override
    public List<Comparison> run(SuiteSettings settings) throws Exception {
        int rounds = settings.pick(3, 1);
        long bytes = settings.pick(4L << 30, 64L << 20);
        RoundSamples speed = new RoundSamples();
        RoundSamples heap = new RoundSamples();
        RoundSamples rss = new RoundSamples();
        for (int round = 0; round < rounds; round++) {
            for (String id : Systems.all().keySet()) {
                String name = Systems.byId(id).name();
                List<String> output = ChildJvm.run(
                        List.of(HEAP_LIMIT),
                        DuplexEchoRun.class,
                        List.of(id, Long.toString(bytes)),
                        Duration.ofMinutes(5));
                Map<String, String> result = parse(output, id);
                double seconds = Double.parseDouble(result.get("seconds"));
                speed.add(name, bytes / seconds / 1e6);
                heap.add(name, Long.parseLong(result.get("heap_peak_bytes")) / 1048576.0);
                rss.add(name, Long.parseLong(result.get("rss_peak_kib")) / 1024.0);
            }
        }
        String measure = "4. duplex echo of " + (bytes >> 20) + " MiB, " + HEAP_LIMIT;
        String note =
                RoundSamples.rounds(rounds) + " of one child JVM per system, server and client in it, 64 KiB messages;"
                        + " speed counts each direction once";
        return List.of(
                new Comparison(measure, "echo speed", "MB/s", Better.HIGHER, speed.subject(), speed.peers(), note),
                new Comparison(measure, "peak heap", "MiB", Better.LOWER, heap.subject(), heap.peers(), note),
                new Comparison(measure, "peak RSS", "MiB", Better.LOWER, rss.subject(), rss.peers(), note));
    }

    private static Map<String, String> parse(List<String> output, String id) {
        for (String line : output) {
            if (line.startsWith("result ")) {
                Map<String, String> values = new HashMap<>();
                for (String pair : line.substring("result ".length()).split(" ")) {
                    String[] kv = pair.split("=", 2);
                    values.put(kv[0], kv[1]);
                }
                return values;
            }
        }
        throw new IllegalStateException("the duplex echo of " + id + " printed no result: " + output);
    }
}
