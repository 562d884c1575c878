package io.quicidl.runtime.call;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Feeds a call's blocking request sink from a {@link Flow.Publisher}, for the asynchronous
 * helpers of the patterns where the client streams. The contract:
 * <ul>
 *   <li>Bounded: the publisher is asked for at most {@value #BUFFER} messages beyond those
 *       already sent, so the buffer between it and the call never holds more; a publisher that
 *       sends more than it was asked for fails the call.
 *   <li>The publisher's thread never blocks: its signals only buffer. A pump task on the given
 *       executor (the connection's handler executor, never an event loop) sends the messages in
 *       order with the sink's blocking {@code send}, which waits for flow control, and asks the
 *       publisher for one more message after each.
 *   <li>{@code onComplete}: after the buffered messages the pump calls the sink's
 *       {@code complete}, and the result future completes with its value.
 *   <li>{@code onError}: the call is cancelled and the result future fails with the error.
 *   <li>A failing {@code send} or {@code complete} (the call failed) cancels the subscription and
 *       the call (a no-op on a call that ended) and fails the result future with that failure.
 *   <li>Cancelling the result future cancels the subscription and the call.
 * </ul>
 * The call is cancelled on the executor, since some sinks' {@code cancel} waits for stream credit.
 *
 * @param <T> the request type
 * @param <R> the result of the sink's {@code complete}
 */
public final class RequestPump<T, R> implements Flow.Subscriber<T> {
    /** How many requests may be asked for and not yet sent. */
    public static final int BUFFER = 16;

    private final Consumer<? super T> send;
    private final Supplier<? extends R> complete;
    private final Runnable cancelCall;
    private final Executor executor;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final ArrayDeque<T> buffer = new ArrayDeque<>(BUFFER);
    private Flow.Subscription subscription;
    private boolean publisherCompleted;
    private boolean pumping;
    private boolean finished;

    private RequestPump(
            Consumer<? super T> send, Supplier<? extends R> complete, Runnable cancelCall, Executor executor) {
        this.send = send;
        this.complete = complete;
        this.cancelCall = cancelCall;
        this.executor = executor;
    }

    /**
     * Subscribes to {@code requests} and feeds the call with them.
     *
     * @param send the sink's blocking send
     * @param complete the sink's complete (finishes the requests; its value completes the result)
     * @param cancelCall cancels the call
     * @param executor runs the pump and the cancel; never an event loop
     * @return completes with {@code complete}'s value, fails with the call's or the publisher's
     *     failure; cancelling it cancels the subscription and the call
     */
    public static <T, R> CompletableFuture<R> start(
            Flow.Publisher<? extends T> requests,
            Consumer<? super T> send,
            Supplier<? extends R> complete,
            Runnable cancelCall,
            Executor executor) {
        RequestPump<T, R> pump = new RequestPump<>(send, complete, cancelCall, executor);
        pump.result.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                pump.stop();
            }
        });
        requests.subscribe(pump);
        return pump.result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        synchronized (this) {
            if (this.subscription != null || finished) {
                subscription.cancel();
                return;
            }
            this.subscription = subscription;
        }
        subscription.request(BUFFER);
    }

    @Override
    public void onNext(T item) {
        boolean overflow;
        boolean launch = false;
        synchronized (this) {
            if (finished) {
                return;
            }
            overflow = buffer.size() == BUFFER;
            if (!overflow) {
                buffer.add(item);
                launch = claimPump();
            }
        }
        if (overflow) {
            fail(new IllegalStateException("the requests publisher sent more than " + BUFFER + " messages ahead"));
        } else if (launch) {
            launchPump();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        fail(throwable);
    }

    @Override
    public void onComplete() {
        boolean launch;
        synchronized (this) {
            publisherCompleted = true;
            launch = claimPump();
        }
        if (launch) {
            launchPump();
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
        try {
            while (true) {
                T next;
                Flow.Subscription upstream;
                synchronized (this) {
                    if (finished) {
                        return;
                    }
                    next = buffer.poll();
                    if (next == null && !publisherCompleted) {
                        pumping = false;
                        return;
                    }
                    upstream = subscription;
                }
                if (next == null) {
                    R value = complete.get();
                    synchronized (this) {
                        finished = true;
                    }
                    result.complete(value);
                    return;
                }
                send.accept(next);
                upstream.request(1);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Ends with {@code failure} once: cancels the subscription and the call. */
    private void fail(Throwable failure) {
        synchronized (this) {
            if (finished) {
                return;
            }
        }
        result.completeExceptionally(failure);
        stop();
    }

    /** Ends once: drops the buffer, cancels the subscription and, on the executor, the call. */
    private void stop() {
        Flow.Subscription upstream;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            buffer.clear();
            upstream = subscription;
        }
        if (upstream != null) {
            upstream.cancel();
        }
        try {
            executor.execute(cancelCall);
        } catch (RejectedExecutionException e) {
            cancelCall.run();
        }
    }
}
