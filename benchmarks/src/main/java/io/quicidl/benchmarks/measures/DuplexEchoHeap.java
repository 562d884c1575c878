package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.ChildJvm;
import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.systems.Systems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measure 4: a duplex echo of 4 GiB in a JVM limited to a 64 MiB heap, one child JVM per
 * system (server and client in it): whether it completes, its speed, peak heap and peak RSS.
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
        long bytes = settings.pick(4L << 30, 64L << 20);
        List<Sample> speed = new ArrayList<>();
        List<Sample> heap = new ArrayList<>();
        List<Sample> rss = new ArrayList<>();
        for (String id : Systems.all().keySet()) {
            String name = Systems.byId(id).name();
            List<String> output = ChildJvm.run(List.of(HEAP_LIMIT), DuplexEchoRun.class,
                    List.of(id, Long.toString(bytes)), Duration.ofMinutes(5));
            Map<String, String> result = parse(output, id);
            double seconds = Double.parseDouble(result.get("seconds"));
            speed.add(new Sample(name, bytes / seconds / 1e6));
            heap.add(new Sample(name, Long.parseLong(result.get("heap_peak_bytes")) / 1048576.0));
            rss.add(new Sample(name, Long.parseLong(result.get("rss_peak_kib")) / 1024.0));
        }
        String measure = "4. duplex echo of " + (bytes >> 20) + " MiB, " + HEAP_LIMIT;
        String note = "one child JVM per system, server and client in it, 64 KiB messages; speed counts each direction once";
        return List.of(
                new Comparison(measure, "echo speed", "MB/s", Better.HIGHER, speed.get(0), speed.subList(1, speed.size()), note),
                new Comparison(measure, "peak heap", "MiB", Better.LOWER, heap.get(0), heap.subList(1, heap.size()), note),
                new Comparison(measure, "peak RSS", "MiB", Better.LOWER, rss.get(0), rss.subList(1, rss.size()), note));
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
