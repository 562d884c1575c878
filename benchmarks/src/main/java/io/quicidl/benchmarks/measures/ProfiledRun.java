package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.systems.EchoClient;
import io.quicidl.benchmarks.systems.EchoSystem;
import io.quicidl.benchmarks.systems.Systems;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import one.profiler.AsyncProfiler;

/**
 * Profiles one system under one load with async-profiler: client and server run in this JVM, so
 * one profile shows both sides of the call. Warms up, then profiles a timed window of the same
 * load and writes a flame graph, the collapsed stacks and the top frames by self time.
 *
 * <pre>
 * java -cp … io.quicidl.benchmarks.measures.ProfiledRun --system quicidl --load unary --event cpu --out target/profile
 * </pre>
 */
public final class ProfiledRun {
    private static final int IN_FLIGHT = 64;
    private static final int TOP_FRAMES = 40;

    private enum Load {
        /** Measure 2, application-thread driving: 64 calls in flight on one connection. */
        UNARY,
        /** Measure 2, callback driving. */
        UNARY_CALLBACK,
        /** Measure 3: server streaming of 1 KiB messages. */
        STREAM_1K,
        /** Measure 3: server streaming of 64 KiB messages. */
        STREAM_64K,
        /** Measure 4's duplex echo, 64 KiB chunks. */
        DUPLEX
    }

    private ProfiledRun() {}

    public static void main(String[] args) throws Exception {
        String system = "quicidl";
        Load load = Load.UNARY;
        String event = "cpu";
        int seconds = 15;
        Path out = Path.of("target", "profile");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--system" -> system = required(value, args[i++]);
                case "--load" ->
                    load = Load.valueOf(
                            required(value, args[i++]).toUpperCase(Locale.ROOT).replace('-', '_'));
                case "--event" -> event = required(value, args[i++]);
                case "--seconds" -> seconds = Integer.parseInt(required(value, args[i++]));
                case "--out" -> out = Path.of(required(value, args[i++]));
                default ->
                    throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; use --system ID --load unary|unary-callback|stream-1k|stream-64k|duplex"
                            + " --event cpu|alloc|lock|wall --seconds N --out DIR");
            }
        }
        Files.createDirectories(out);
        EchoSystem echo = Systems.byId(system);
        try (EchoSystem.Endpoint endpoint = echo.start()) {
            EchoClient client = endpoint.connect();
            try {
                run(client, load, 5);
                AsyncProfiler profiler = AsyncProfiler.getInstance();
                profiler.execute("start,threads,event=" + event + ",interval=" + interval(event));
                long cpuBefore = processCpuNanos();
                long wallBefore = System.nanoTime();
                double rate = run(client, load, seconds);
                double cpuPerUnit =
                        (processCpuNanos() - cpuBefore) / 1e3 / (rate * (System.nanoTime() - wallBefore) / 1e9);
                profiler.execute("stop");
                String name = system + "-" + load.name().toLowerCase(Locale.ROOT) + "-" + event;
                profiler.execute("flamegraph,file=" + out.resolve(name + ".html"));
                profiler.execute("collapsed,file=" + out.resolve(name + ".collapsed"));
                Files.writeString(out.resolve(name + ".top.txt"), profiler.dumpFlat(TOP_FRAMES));
                System.out.printf(
                        Locale.ROOT,
                        "%s %s: %.0f %s while profiling %s, %.1f µs of process CPU per %s;"
                                + " wrote %s.{html,collapsed,top.txt} in %s%n",
                        echo.name(),
                        load,
                        rate,
                        unit(load),
                        event,
                        cpuPerUnit,
                        perUnit(load),
                        name,
                        out);
            } finally {
                client.close();
            }
        }
    }

    /** Runs the load for about {@code seconds}; returns its rate in {@link #unit}. */
    private static double run(EchoClient client, Load load, int seconds) throws Exception {
        long millis = seconds * 1000L;
        return switch (load) {
            case UNARY -> ThreadDriving.callsPerSecond(List.of(client), IN_FLIGHT, millis);
            case UNARY_CALLBACK -> CallbackDriving.callsPerSecond(List.of(client), IN_FLIGHT, millis, Long.MAX_VALUE);
            case STREAM_1K -> repeat(millis, () -> client.serverStream(10_000, 1024) / 1024.0);
            case STREAM_64K -> repeat(millis, () -> client.serverStream(1_000, 64 * 1024) / 1e6);
            case DUPLEX -> repeat(millis, () -> client.duplexEcho(256L << 20, 64 * 1024) / 1e6);
        };
    }

    private interface Step {
        double run() throws Exception;
    }

    private static double repeat(long millis, Step step) throws Exception {
        long started = System.nanoTime();
        long end = started + millis * 1_000_000;
        double done = 0;
        do {
            done += step.run();
        } while (System.nanoTime() < end);
        return done / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * CPU time of every thread of this JVM, both sides, JIT and profiler included: per unit of
     * work it compares runs better than a rate when the box is not quiet.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String perUnit(Load load) {
        return switch (load) {
            case UNARY, UNARY_CALLBACK -> "call";
            case STREAM_1K -> "message";
            case STREAM_64K, DUPLEX -> "MB";
        };
    }

    private static String unit(Load load) {
        return switch (load) {
            case UNARY, UNARY_CALLBACK -> "calls/s";
            case STREAM_1K -> "msg/s";
            case STREAM_64K, DUPLEX -> "MB/s";
        };
    }

    private static String interval(String event) {
        return switch (event) {
            case "alloc" -> "512k";
            case "lock" -> "10us";
            default -> "1ms";
        };
    }

    private static String required(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
