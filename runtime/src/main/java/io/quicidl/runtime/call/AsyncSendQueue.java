package io.quicidl.runtime.call;

import io.quicidl.runtime.AsyncRequestSink;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The non-blocking front of a call's blocking request sink: {@link #send} queues (at most
 * {@value AsyncRequestSink#MAX_PENDING} messages) and returns at once, and one pump task at a
 * time on the executor (the connection's handler executor, never an event loop) hands the
 * messages in order to the sink's blocking {@code send}, which waits for flow control, then runs
 * its {@code complete}. Every failure ends the queue once: the waiting messages' stages and the
 * result fail with it, and the call is cancelled (a no-op on a call that ended).
 *
 * @param <T> the request type
 * @param <R> the result of the sink's {@code complete} (the response of a client-streaming call)
 */
public final class AsyncSendQueue<T, R> implements AsyncRequestSink<T> {
    private final Consumer<? super T> send;
    private final Supplier<? extends R> complete;
    private final Runnable cancelCall;
    private final Executor executor;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>(MAX_PENDING);
    private boolean completing;
    private boolean pumping;
    private boolean finished;
    private Throwable failure;

    private record Pending<T>(T message, CompletableFuture<Void> taken) {}

    /**
     * @param send the sink's blocking send
     * @param complete the sink's complete, run after the last message; its value completes {@link #result()}
     * @param cancelCall cancels the call; may wait for stream credit, so it runs on the executor
     * @param executor runs the pump and the cancel; never an event loop
     */
    public AsyncSendQueue(
            Consumer<? super T> send, Supplier<? extends R> complete, Runnable cancelCall, Executor executor) {
        this.send = send;
        this.complete = complete;
        this.cancelCall = cancelCall;
        this.executor = executor;
        result.whenComplete((value, error) -> {
            if (error instanceof CancellationException) {
                fail(error);
            }
        });
    }

    /** A queue whose sink's {@code complete} has no value. */
    public static <T> AsyncSendQueue<T, Void> of(
            Consumer<? super T> send, Runnable complete, Runnable cancelCall, Executor executor) {
        return new AsyncSendQueue<>(
                send,
                () -> {
                    complete.run();
                    return null;
                },
                cancelCall,
                executor);
    }

    /**
     * Completes with the sink's {@code complete} value after every message went out; fails with
     * the first failure. Cancelling it cancels the call.
     */
    public CompletableFuture<R> result() {
        return result;
    }

    @Override
    public CompletionStage<Void> send(T message) {
        Objects.requireNonNull(message, "message");
        CompletableFuture<Void> taken = new CompletableFuture<>();
        boolean overflow = false;
        boolean launch = false;
        Throwable failed;
        synchronized (this) {
            if (completing) {
                throw new IllegalStateException("send after complete()");
            }
            failed = failure;
            if (failed == null) {
                overflow = queue.size() == MAX_PENDING;
                if (!overflow) {
                    queue.add(new Pending<>(message, taken));
                    launch = claimPump();
                }
            }
        }
        if (overflow) {
            failed = new IllegalStateException("more than " + MAX_PENDING
                    + " requests were waiting for flow control: send the next request when the stage"
                    + " of send() completes");
            fail(failed);
        }
        if (failed != null) {
            taken.completeExceptionally(failed);
        } else if (launch) {
            launchPump();
        }
        return taken.minimalCompletionStage();
    }

    @Override
    public void complete() {
        boolean launch;
        synchronized (this) {
            if (completing || finished) {
                return;
            }
            completing = true;
            launch = claimPump();
        }
        if (launch) {
            launchPump();
        }
    }

    @Override
    public void cancel() {
        fail(new StatusException(StatusCode.CANCELLED, "cancelled by the client"));
    }

    /**
     * Ends the queue with {@code error} unless it ended: fails the waiting messages and the
     * result, and cancels the call on the executor.
     */
    void fail(Throwable error) {
        List<Pending<T>> dropped;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            failure = error;
            dropped = new ArrayList<>(queue);
            queue.clear();
        }
        for (Pending<T> pending : dropped) {
            pending.taken.completeExceptionally(error);
        }
        result.completeExceptionally(error);
        try {
            executor.execute(cancelCall);
        } catch (RejectedExecutionException e) {
            cancelCall.run();
        }
    }

    /** Whether the caller is to start the pump: it is not running and there is work. Caller holds the monitor. */
    private boolean claimPump() {
        if (pumping || finished) {
            return false;
        }
        pumping = true;
        return true;
    }

    private void launchPump() {
        try {
            executor.execute(this::pump);
        } catch (RejectedExecutionException e) {
            fail(e);
        }
    }

    private void pump() {
        Pending<T> sending = null;
        try {
            while (true) {
                synchronized (this) {
                    if (finished) {
                        return;
                    }
                    sending = queue.poll();
                    if (sending == null && !completing) {
                        pumping = false;
                        return;
                    }
                }
                if (sending == null) {
                    R value = complete.get();
                    synchronized (this) {
                        finished = true;
                    }
                    result.complete(value);
                    return;
                }
                send.accept(sending.message);
                sending.taken.complete(null);
                sending = null;
            }
        } catch (RuntimeException e) {
            if (sending != null) {
                sending.taken.completeExceptionally(e);
            }
            fail(e);
        }
    }
}
