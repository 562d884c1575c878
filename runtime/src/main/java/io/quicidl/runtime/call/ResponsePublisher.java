package io.quicidl.runtime.call;

import io.quicidl.runtime.ResponseStream;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A {@link Flow.Publisher} over a blocking {@link ResponseStream}: a task on the connection's
 * handler executor (a virtual thread when the JVM has them) moves responses to the subscriber
 * only as far as it requested, so the network is read no faster than the subscriber asks.
 * Cancelling the subscription closes the stream, which cancels the call. Either each subscriber
 * starts its own call on its first request ({@link #ResponsePublisher}), or one subscriber takes
 * a call that already runs ({@link #ofStarted}).
 */
public final class ResponsePublisher<T> implements Flow.Publisher<T> {
    private final Supplier<ResponseStream<T>> call;
    private final Executor executor;
    /** The running call of {@link #ofStarted}, until its subscriber takes it. */
    private final AtomicReference<ResponseStream<T>> started;

    /**
     * @param call starts the call; invoked once per subscriber
     * @param executor runs the delivery task, never an event loop
     */
    public ResponsePublisher(Supplier<ResponseStream<T>> call, Executor executor) {
        this(call, executor, null);
    }

    private ResponsePublisher(Supplier<ResponseStream<T>> call, Executor executor, ResponseStream<T> started) {
        this.call = call;
        this.executor = executor;
        this.started = new AtomicReference<>(started);
    }

    /**
     * The responses of a call that already runs, for one subscriber; a later one gets
     * {@code onError} with an {@link IllegalStateException}.
     */
    public static <T> ResponsePublisher<T> ofStarted(ResponseStream<T> stream, Executor executor) {
        return new ResponsePublisher<>(null, executor, stream);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (call != null) {
            new Subscription(subscriber, null).start();
            return;
        }
        ResponseStream<T> stream = started.getAndSet(null);
        if (stream == null) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IllegalStateException(
                    "these responses already have their subscriber: a call's responses" + " can be read once"));
            return;
        }
        new Subscription(subscriber, stream).start();
    }

    /** One subscriber's call and demand. */
    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super T> subscriber;
        private ResponseStream<T> stream;
        private Iterator<T> responses;
        private long demand;
        private IllegalArgumentException badRequest;
        private boolean draining;
        private boolean cancelled;

        Subscription(Flow.Subscriber<? super T> subscriber, ResponseStream<T> stream) {
            this.subscriber = subscriber;
            this.stream = stream;
            // Rule 1.3: no onNext before onSubscribe returned, so demand from inside it waits.
            this.draining = true;
        }

        /** Signals onSubscribe, then starts the drain for the demand made inside it. */
        void start() {
            subscriber.onSubscribe(this);
            synchronized (this) {
                if (cancelled || (demand == 0 && badRequest == null)) {
                    draining = false;
                    return;
                }
            }
            launchDrain();
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                if (n <= 0) {
                    // Rule 3.9: signalled by the drain task, so signals stay serial.
                    badRequest = new IllegalArgumentException(
                            "request(" + n + "): demand must be positive (Reactive Streams §3.9)");
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                if (draining) {
                    return;
                }
                draining = true;
            }
            launchDrain();
        }

        private void launchDrain() {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                cancel();
                subscriber.onError(e);
            }
        }

        @Override
        public void cancel() {
            synchronized (this) {
                cancelled = true;
            }
            closeStream();
        }

        private void closeStream() {
            ResponseStream<T> open;
            synchronized (this) {
                open = stream;
            }
            if (open != null) {
                open.close();
            }
        }

        private void drain() {
            try {
                synchronized (this) {
                    if (cancelled) {
                        return;
                    }
                    if (stream == null && badRequest == null) {
                        stream = call.get();
                    }
                }
                while (true) {
                    IllegalArgumentException bad;
                    synchronized (this) {
                        if (cancelled) {
                            return;
                        }
                        bad = badRequest;
                        if (bad == null && demand == 0) {
                            draining = false;
                            return;
                        }
                        if (bad == null) {
                            demand--;
                        }
                    }
                    if (bad != null) {
                        cancel();
                        subscriber.onError(bad);
                        return;
                    }
                    if (responses == null) {
                        responses = stream.iterator();
                    }
                    if (!responses.hasNext()) {
                        synchronized (this) {
                            cancelled = true;
                        }
                        subscriber.onComplete();
                        return;
                    }
                    subscriber.onNext(responses.next());
                }
            } catch (RuntimeException e) {
                cancel();
                subscriber.onError(e);
            }
        }
    }
}
