package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.systems.EchoClient;
import io.quicidl.benchmarks.systems.Systems;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measure 2: unary calls per second with 64 calls in flight, over one connection and spread over
 * four. Calls are asynchronous: a finished call frees its slot for the next one.
 */
public final class UnaryThroughput implements Measure {
    static final int IN_FLIGHT = 64;

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
        long millis = settings.pick(4_000L, 500L);
        long warmupMillis = settings.pick(3_000L, 200L);
        List<Comparison> comparisons = new ArrayList<>();
        for (int connections : new int[] {1, 4}) {
            List<Sample> samples = new ArrayList<>();
            try (SystemRun run = SystemRun.start(connections, Systems.forUnary())) {
                for (SystemRun.Running system : run.systems()) {
                    callsPerSecond(system.clients(), warmupMillis);
                    samples.add(new Sample(system.system().name(), callsPerSecond(system.clients(), millis)));
                }
            }
            comparisons.add(new Comparison("2. unary throughput, 64 in flight, 64 B",
                    connections == 1 ? "1 connection" : connections + " connections", "calls/s", Better.HIGHER,
                    samples.get(0), samples.subList(1, samples.size()),
                    millis + " ms per system after a " + warmupMillis + " ms warm-up"));
        }
        return comparisons;
    }

    /** Keeps {@link #IN_FLIGHT} calls going over {@code clients} for {@code millis}; returns calls per second. */
    static double callsPerSecond(List<EchoClient> clients, long millis) throws InterruptedException {
        byte[] request = new byte[UnaryLatency.PAYLOAD_BYTES];
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicLong completed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(millis);
        int next = 0;
        while (System.nanoTime() < deadline && failure.get() == null) {
            slots.acquire();
            EchoClient client = clients.get(next++ % clients.size());
            client.unaryAsync(request).whenComplete((response, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (response.length == request.length) {
                    completed.incrementAndGet();
                } else {
                    failure.compareAndSet(null, new IllegalStateException("echo returned " + response.length + " bytes"));
                }
                slots.release();
            });
        }
        if (!slots.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still in flight 30 s after the run ended");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a call failed", failure.get());
        }
        return completed.get() / seconds;
    }
}
