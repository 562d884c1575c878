package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.systems.EchoClient;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measure 2's second driving, each system at its best: {@code inFlight} chains of unary calls, each
 * finished call issuing its chain's next one from the system's own completion callback
 * ({@link EchoClient#unaryThen}), with no application thread in the loop. Chains are spread over the
 * clients round robin and stop at the deadline or after {@code maxCalls} calls in all. Every chain
 * sends its own bytes, and every response must be exactly its request.
 */
final class CallbackDriving {
    /** Time left for calls in flight at the deadline to finish before the run counts as hung. */
    private static final long DRAIN_SECONDS = 30;

    private final List<EchoClient> clients;
    private final long deadline;
    private final long maxCalls;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch chainsEnded;

    private CallbackDriving(List<EchoClient> clients, int chains, long deadline, long maxCalls) {
        this.clients = clients;
        this.deadline = deadline;
        this.maxCalls = maxCalls;
        this.chainsEnded = new CountDownLatch(chains);
    }

    /** Runs {@code inFlight} chains over {@code clients} for {@code millis}; returns calls per second. */
    static double callsPerSecond(List<EchoClient> clients, int inFlight, long millis, long maxCalls)
            throws InterruptedException {
        long started = System.nanoTime();
        CallbackDriving run =
                new CallbackDriving(clients, inFlight, started + TimeUnit.MILLISECONDS.toNanos(millis), maxCalls);
        for (int chain = 0; chain < inFlight; chain++) {
            byte[] request = new byte[UnaryLatency.PAYLOAD_BYTES];
            // Bytes that name the chain: a response that belongs to another call cannot pass the check.
            Arrays.fill(request, (byte) chain);
            request[0] = (byte) (chain >> 8);
            run.next(clients.get(chain % clients.size()), request);
        }
        if (!run.chainsEnded.await(millis / 1000 + DRAIN_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still in flight " + DRAIN_SECONDS + " s after the run ended");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (run.failure.get() != null) {
            throw new IllegalStateException("a call failed", run.failure.get());
        }
        return run.completed.get() / seconds;
    }

    /** Issues the chain's next call, or ends the chain: deadline passed, enough calls, or a failure. */
    private void next(EchoClient client, byte[] request) {
        if (failure.get() != null || System.nanoTime() >= deadline || issued.incrementAndGet() > maxCalls) {
            chainsEnded.countDown();
            return;
        }
        try {
            client.unaryThen(request, (response, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (!Arrays.equals(request, response)) {
                    failure.compareAndSet(null, new IllegalStateException("echo returned other bytes than were sent"));
                } else {
                    completed.incrementAndGet();
                }
                next(client, request);
            });
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            chainsEnded.countDown();
        }
    }
}
