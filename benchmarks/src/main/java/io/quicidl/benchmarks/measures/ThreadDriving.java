package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.systems.EchoClient;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measure 2's first driving, what a typical caller does: one application thread issues asynchronous
 * calls behind a semaphore of {@code inFlight} slots, round robin over the clients; a finished call
 * frees its slot and the thread issues the next. Every call crosses from this thread to the system's
 * own threads and back. Every response must be exactly its request.
 */
final class ThreadDriving {
    private ThreadDriving() {}

    /** Keeps {@code inFlight} calls going over {@code clients} for {@code millis}; returns calls per second. */
    static double callsPerSecond(List<EchoClient> clients, int inFlight, long millis) throws InterruptedException {
        byte[][] requests = new byte[inFlight][UnaryLatency.PAYLOAD_BYTES];
        for (int i = 0; i < inFlight; i++) {
            // Distinct bytes per slot: a response that belongs to another call is likely to fail the check.
            Arrays.fill(requests[i], (byte) i);
        }
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong completed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(millis);
        int next = 0;
        while (System.nanoTime() < deadline && failure.get() == null) {
            slots.acquire();
            EchoClient client = clients.get(next % clients.size());
            byte[] request = requests[next++ % inFlight];
            client.unaryAsync(request).whenComplete((response, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (Arrays.equals(request, response)) {
                    completed.incrementAndGet();
                } else {
                    failure.compareAndSet(null, new IllegalStateException("echo returned other bytes than were sent"));
                }
                slots.release();
            });
        }
        if (!slots.tryAcquire(inFlight, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still in flight 30 s after the run ended");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a call failed", failure.get());
        }
        return completed.get() / seconds;
    }
}
