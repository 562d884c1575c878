package io.quicidl.runtime.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Completes user-visible futures off the event loop, so dependent stages never run on it. */
final class Completions {
    private Completions() {}

    /** Completes {@code future} with {@code value} or {@code failure} on {@code executor}. */
    static <T> void complete(Executor executor, CompletableFuture<T> future, T value, Throwable failure) {
        Runnable completion =
                failure == null ? () -> future.complete(value) : () -> future.completeExceptionally(failure);
        try {
            executor.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }
}
