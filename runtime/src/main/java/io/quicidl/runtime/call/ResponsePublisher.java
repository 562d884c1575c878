package io.quicidl.runtime.call;

import io.quicidl.runtime.ResponseStream;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * A {@link Flow.Publisher} over a blocking {@link ResponseStream}: each subscriber starts its own
 * call on its first request, and a task on the connection's handler executor (a virtual thread
 * when the JVM has them) moves responses to the subscriber only as far as it requested, so the
 * network is read no faster than the subscriber asks. Cancelling the subscription cancels the call.
 */
public final class ResponsePublisher<T> implements Flow.Publisher<T> {
    private final Supplier<ResponseStream<T>> call;
    private final Executor executor;

    /**
     * @param call starts the call; invoked once per subscriber
     * @param executor runs the delivery task, never an event loop
     */
    public ResponsePublisher(Supplier<ResponseStream<T>> call, Executor executor) {
        this.call = call;
        this.executor = executor;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Subscription subscription = new Subscription(subscriber);
        subscriber.onSubscribe(subscription);
    }

    /** One subscriber's call and demand. */
    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super T> subscriber;
        private ResponseStream<T> stream;
        private Iterator<T> responses;
        private long demand;
        private boolean draining;
        private boolean cancelled;

        Subscription(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                if (n <= 0) {
                    cancelled = true;
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                    if (draining) {
                        return;
                    }
                    draining = true;
                }
            }
            if (n <= 0) {
                closeStream();
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
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
            ResponseStream<T> started;
            synchronized (this) {
                started = stream;
            }
            if (started != null) {
                started.close();
            }
        }

        private void drain() {
            try {
                synchronized (this) {
                    if (stream == null && !cancelled) {
                        stream = call.get();
                        responses = stream.iterator();
                    }
                }
                while (true) {
                    synchronized (this) {
                        if (cancelled) {
                            return;
                        }
                        if (demand == 0) {
                            draining = false;
                            return;
                        }
                        demand--;
                    }
                    if (!responses.hasNext()) {
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
