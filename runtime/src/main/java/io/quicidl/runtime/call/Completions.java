package io.quicidl.runtime.call;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Completes user-visible futures off the event loop, so dependent stages never run on it.
 *
 * <p>Completions that an event loop produces in one turn (the responses of one read) go to the
 * executor as one task that completes them in order: one thread wake-up for a batch of calls
 * instead of one per call. The price is that a dependent stage that blocks delays the other
 * completions of its batch; it never delays the event loop.
 */
final class Completions {
    /** The event loop thread's batch, filled during one turn and handed over at its end. */
    private static final ThreadLocal<Batch> BATCH = ThreadLocal.withInitial(Batch::new);

    private Completions() {}

    /**
     * Completes {@code future} with {@code value} or {@code failure} on {@code executor}; from
     * {@code loop}'s own thread, together with the other completions of this turn.
     */
    static <T> void complete(
            EventLoop loop, Executor executor, CompletableFuture<T> future, T value, Throwable failure) {
        Runnable completion =
                failure == null ? () -> future.complete(value) : () -> future.completeExceptionally(failure);
        if (!loop.inEventLoop()) {
            submit(executor, List.of(completion));
            return;
        }
        Batch batch = BATCH.get();
        if (batch.executor != executor) {
            batch.handOver();
            batch.executor = executor;
        }
        if (batch.completions.isEmpty()) {
            loop.execute(batch::handOver);
        }
        batch.completions.add(completion);
    }

    private static void submit(Executor executor, List<Runnable> completions) {
        Runnable all = () -> completions.forEach(Runnable::run);
        try {
            executor.execute(all);
        } catch (RejectedExecutionException e) {
            all.run();
        }
    }

    /** Completions of one event-loop turn for one executor; confined to the loop's thread. */
    private static final class Batch {
        Executor executor;
        List<Runnable> completions = new ArrayList<>();

        void handOver() {
            if (!completions.isEmpty()) {
                List<Runnable> taken = completions;
                completions = new ArrayList<>();
                submit(executor, taken);
            }
        }
    }
}
