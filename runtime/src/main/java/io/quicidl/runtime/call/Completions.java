package io.quicidl.runtime.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Completes user-visible futures off the event loop, so dependent stages never run on it. */
final class Completions {
    private Completions() {}

    /** Completes {@code future} with {@code value} or {@code failure} on {@code executor}. */
    static <T> void complete(Executor executor, CompletableFuture<T> future, T value, Throwable failure) {
        Runnable completion = failure == null ? () -> future.complete(value) : () -> future.completeExceptionally(failure);
        try {
            executor.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    /** Waits for {@code future} and rethrows its failure as it is (a status or a declared error). */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
