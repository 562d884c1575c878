package io.quicidl.runtime.call;

import io.quicidl.runtime.AsyncRequestSink;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Feeds an {@link AsyncSendQueue} from a {@link Flow.Publisher} of requests, for the asynchronous
 * helpers that take one. The contract:
 * <ul>
 *   <li>{@link #subscribe} subscribes on the caller's thread before it returns, so a hot
 *       publisher (such as {@link java.util.concurrent.SubmissionPublisher}) loses nothing
 *       submitted after the call started. What it dropped before that is the publisher's own
 *       doing and cannot be seen here.
 *   <li>Bounded: the publisher is asked for {@value #BUFFER} messages, then for one more each
 *       time flow control took one, so the queue never overflows; a publisher that sends more
 *       than it was asked for fails the call.
 *   <li>{@code onComplete} completes the request stream; a publisher that completes at once
 *       sends an empty request stream, which the protocol allows.
 *   <li>{@code onError} fails the call with the publisher's error (and cancels it on the wire).
 *   <li>When the call ends with a failure or is cancelled, the subscription is cancelled.
 * </ul>
 * The publisher's thread never blocks: its signals only queue.
 *
 * @param <T> the request type
 */
public final class RequestPump<T> implements Flow.Subscriber<T> {
    /** How many requests may be asked for and not yet taken by flow control. */
    public static final int BUFFER = AsyncRequestSink.MAX_PENDING;

    private final AsyncSendQueue<T, ?> sink;
    /** Serializes the calls on the subscription (Reactive Streams §2.7). */
    private final Object subscriptionLock = new Object();

    private Flow.Subscription subscription;
    private long unanswered;
    private boolean done;

    private RequestPump(AsyncSendQueue<T, ?> sink) {
        this.sink = sink;
    }

    /**
     * Subscribes a pump feeding {@code handle} (made by {@link AsyncHandles}) to {@code requests},
     * on this thread.
     */
    public static <T> void subscribe(Flow.Publisher<? extends T> requests, AsyncRequestSink<T> handle) {
        requests.subscribe(feeding(handle));
    }

    /** A pump feeding {@code handle}, which cancels its subscription when the call fails. */
    static <T> RequestPump<T> feeding(AsyncRequestSink<T> handle) {
        RequestPump<T> pump = new RequestPump<>(AsyncHandles.queueOf(handle));
        pump.sink.result().whenComplete((value, failure) -> {
            if (failure != null) {
                pump.cancelUpstream();
            }
        });
        return pump;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        boolean accepted;
        synchronized (this) {
            accepted = this.subscription == null && !done;
            if (accepted) {
                this.subscription = subscription;
                unanswered = BUFFER;
            }
        }
        synchronized (subscriptionLock) {
            if (accepted) {
                subscription.request(BUFFER);
            } else {
                subscription.cancel();
            }
        }
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, "item");
        boolean overflow;
        synchronized (this) {
            if (done) {
                return;
            }
            overflow = unanswered == 0;
            if (!overflow) {
                unanswered--;
            }
        }
        if (overflow) {
            sink.fail(new IllegalStateException("the requests publisher sent more than the " + BUFFER
                    + " messages it was asked for ahead (Reactive Streams §1.1)"));
            return;
        }
        sink.send(item).whenComplete((value, failure) -> {
            if (failure == null) {
                requestOne();
            }
        });
    }

    @Override
    public void onError(Throwable throwable) {
        Objects.requireNonNull(throwable, "throwable");
        synchronized (this) {
            done = true;
        }
        sink.fail(throwable);
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            done = true;
        }
        sink.complete();
    }

    private void requestOne() {
        Flow.Subscription upstream;
        synchronized (this) {
            if (done) {
                return;
            }
            unanswered++;
            upstream = subscription;
        }
        synchronized (subscriptionLock) {
            upstream.request(1);
        }
    }

    /** Cancels the subscription unless the publisher ended it (Reactive Streams §2.3). */
    private void cancelUpstream() {
        Flow.Subscription upstream;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            upstream = subscription;
        }
        if (upstream != null) {
            synchronized (subscriptionLock) {
                upstream.cancel();
            }
        }
    }
}
