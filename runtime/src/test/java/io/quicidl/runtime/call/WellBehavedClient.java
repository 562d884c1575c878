package io.quicidl.runtime.call;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client on its own connection making one unary call after another while others attack the
 * server: every call must succeed. Keeps each call's latency for the long runs' report.
 */
final class WellBehavedClient {
    private static final CallOptions OPTIONS = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(30));

    private final Client client;
    private final Thread thread;
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean running = true;

    WellBehavedClient(Client client) {
        this.client = client;
        this.thread = new Thread(this::run, "well-behaved-client");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        for (long i = 0; running; i++) {
            long start = System.nanoTime();
            try {
                Text answer = ClientCalls.unary(client, HostileService.QUICK, Text.of("w" + i), OPTIONS);
                if (!answer.value().equals("ok:w" + i)) {
                    failures.add(new AssertionError("wrong answer " + answer));
                }
                latencies.add(System.nanoTime() - start);
            } catch (RuntimeException e) {
                failures.add(e);
            }
            calls.incrementAndGet();
        }
    }

    /** Calls made so far. */
    long calls() {
        return calls.get();
    }

    /** Waits until {@code more} further calls have completed, succeeded or not. */
    void awaitCalls(long more) throws InterruptedException {
        long target = calls() + more;
        Waits.await(() -> calls() >= target, "the well-behaved client to make " + more + " more calls");
    }

    /** Stops calling; returns the failures seen. */
    List<Throwable> stop() throws InterruptedException {
        running = false;
        thread.join(60_000);
        return List.copyOf(failures);
    }

    /** p50 and p99 of the calls since the last report, for the long runs' output; then starts a new sample. */
    String report() {
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
            latencies.clear();
        }
        Collections.sort(sorted);
        return "p50 " + quantileMicros(sorted, 0.5) + " µs, p99 " + quantileMicros(sorted, 0.99) + " µs over "
                + sorted.size() + " calls";
    }

    private static long quantileMicros(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, quantile * sorted.size())) / 1_000;
    }

    /** Stops calling and closes the connection. */
    void shutdown() throws InterruptedException {
        stop();
        client.close(Duration.ofSeconds(2));
    }
}
