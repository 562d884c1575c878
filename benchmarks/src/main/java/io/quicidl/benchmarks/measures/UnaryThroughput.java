package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.systems.Systems;
import java.util.ArrayList;
import java.util.List;

/**
 * Measure 2: unary calls per second with 64 calls in flight, over one connection and spread over
 * four, each driven two ways (see the README): from an application thread ({@link ThreadDriving},
 * what a typical caller does; issue 11's ratios are read against these rows) and from each system's
 * completion callback ({@link CallbackDriving}, the system at its best). Systems take turns in
 * interleaved rounds; each row reports the median with the min–max of the rounds.
 */
public final class UnaryThroughput implements Measure {
    static final int IN_FLIGHT = 64;
    /** Calls per millisecond that end a callback run early: far above any system here; it only stops a runaway. */
    private static final long MAX_CALLS_PER_MILLI = 1_000;

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String id() {
        return "unary-throughput";
    }

    @Override
    public List<Comparison> run(SuiteSettings settings) throws Exception {
        int rounds = settings.pick(3, 1);
        long millis = settings.pick(2_000L, 200L);
        long warmupMillis = settings.pick(2_000L, 100L);
        long maxCalls = millis * MAX_CALLS_PER_MILLI;
        List<Comparison> comparisons = new ArrayList<>();
        for (int connections : new int[] {1, 4}) {
            RoundSamples threads = new RoundSamples();
            RoundSamples callbacks = new RoundSamples();
            try (SystemRun run = SystemRun.start(connections, Systems.forUnary())) {
                for (SystemRun.Running system : run.systems()) {
                    ThreadDriving.callsPerSecond(system.clients(), IN_FLIGHT, warmupMillis);
                    CallbackDriving.callsPerSecond(system.clients(), IN_FLIGHT, warmupMillis, maxCalls);
                }
                for (int round = 0; round < rounds; round++) {
                    for (SystemRun.Running system : run.systems()) {
                        String name = system.system().name();
                        threads.add(name, ThreadDriving.callsPerSecond(system.clients(), IN_FLIGHT, millis));
                        callbacks.add(
                                name, CallbackDriving.callsPerSecond(system.clients(), IN_FLIGHT, millis, maxCalls));
                    }
                }
            }
            String spread = connections == 1 ? "1 connection" : connections + " connections";
            String timing = RoundSamples.rounds(rounds) + " × " + millis + " ms per system and driving, after "
                    + warmupMillis + " ms of each";
            comparisons.add(row(
                    spread + ", application thread",
                    threads,
                    "one application thread issues async calls behind a semaphore (a typical caller); " + timing));
            comparisons.add(row(
                    spread + ", completion callback",
                    callbacks,
                    "each finished call issues the next from the system's completion callback (its best); " + timing));
        }
        return comparisons;
    }

    private static Comparison row(String metric, RoundSamples samples, String note) {
        return new Comparison(
                "2. unary throughput, 64 in flight, 64 B",
                metric,
                "calls/s",
                Better.HIGHER,
                samples.subject(),
                samples.peers(),
                note);
    }
}
