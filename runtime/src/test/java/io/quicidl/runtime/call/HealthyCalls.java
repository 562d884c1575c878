package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.ClientCalls;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unary {@link EchoService} calls made one after another on a connection that a fault elsewhere
 * must not touch, with every failure kept.
 */
final class HealthyCalls implements AutoCloseable {
    private final Channel channel;
    private final AtomicLong succeeded = new AtomicLong();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread caller;
    private volatile boolean running = true;

    HealthyCalls(Channel channel) {
        this.channel = channel;
        caller = new Thread(this::run, "healthy-calls");
        caller.setDaemon(true);
        caller.start();
    }

    private void run() {
        while (running) {
            try {
                Text answer = ClientCalls.unary(channel, EchoService.UNARY, Text.of("x"), CallOptions.DEFAULT);
                assertEquals("echo:x", answer.value());
                succeeded.incrementAndGet();
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                failures.add(t);
            }
        }
    }

    /** Waits until {@code count} more calls have succeeded (at most 30 s). */
    void awaitCalls(long count) throws InterruptedException {
        long target = succeeded.get() + count;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (succeeded.get() < target) {
            assertTrue(System.nanoTime() < end, "healthy calls stalled at " + succeeded.get() + ": " + failures);
            Thread.sleep(5);
        }
    }

    /** Every call succeeded, and calls still do. */
    void assertUnaffected() throws InterruptedException {
        awaitCalls(5);
        assertEquals(List.of(), failures, "failed healthy calls (" + succeeded.get() + " succeeded)");
    }

    /** Stops making calls, after the one under way. */
    void stop() {
        running = false;
        try {
            caller.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
