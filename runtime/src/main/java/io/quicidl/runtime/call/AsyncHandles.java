package io.quicidl.runtime.call;

import io.quicidl.runtime.AsyncClientStreamCall;
import io.quicidl.runtime.AsyncDuplexCall;
import io.quicidl.runtime.AsyncNotificationSink;
import io.quicidl.runtime.AsyncRealtimeSink;
import io.quicidl.runtime.AsyncRequestSink;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.ResponseStream;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The asynchronous handles of the patterns where the client streams, each an
 * {@link AsyncSendQueue} in front of the pattern's blocking handle.
 */
public final class AsyncHandles {
    private AsyncHandles() {}

    /** {@code @client_streaming}: the response is the queue's result. */
    public static <Req, Resp> AsyncClientStreamCall<Req, Resp> clientStreaming(
            ClientStreamCall<Req, Resp> call, Executor executor) {
        return new ClientStreaming<>(new AsyncSendQueue<>(call::send, call::complete, call::cancel, executor));
    }

    /** {@code @duplex}: the responses are read from the blocking call by a {@link ResponsePublisher}. */
    public static <Req, Resp> AsyncDuplexCall<Req, Resp> duplex(DuplexCall<Req, Resp> call, Executor executor) {
        AsyncSendQueue<Req, Void> queue = AsyncSendQueue.of(call::send, call::complete, call::cancel, executor);
        Flow.Publisher<Resp> responses = ResponsePublisher.ofStarted(
                new ResponseStream<Resp>() {
                    @Override
                    public Iterator<Resp> iterator() {
                        return call.iterator();
                    }

                    @Override
                    public void close() {
                        queue.cancel();
                        call.close();
                    }
                },
                executor);
        return new Duplex<>(queue, responses);
    }

    /** {@code @notifications}: done is the queue's result. */
    public static <Req> AsyncNotificationSink<Req> notifications(NotificationSink<Req> sink, Executor executor) {
        return new OneWay<>(AsyncSendQueue.of(sink::send, sink::complete, sink::cancel, executor));
    }

    /** {@code @realtime}: done is the queue's result. */
    public static <Req> AsyncRealtimeSink<Req> realtime(RealtimeSink<Req> sink, Executor executor) {
        return new OneWay<>(AsyncSendQueue.of(sink::send, sink::complete, sink::cancel, executor));
    }

    /** The queue behind a handle made here. */
    static <Req> AsyncSendQueue<Req, ?> queueOf(AsyncRequestSink<Req> handle) {
        if (handle instanceof Front<Req, ?> front) {
            return front.queue;
        }
        throw new IllegalArgumentException(handle + " is not a handle of AsyncHandles");
    }

    /** What every handle forwards to its queue. */
    private abstract static class Front<Req, R> implements AsyncRequestSink<Req> {
        final AsyncSendQueue<Req, R> queue;

        Front(AsyncSendQueue<Req, R> queue) {
            this.queue = queue;
        }

        @Override
        public CompletionStage<Void> send(Req message) {
            return queue.send(message);
        }

        @Override
        public void complete() {
            queue.complete();
        }

        @Override
        public void cancel() {
            queue.cancel();
        }
    }

    private static final class ClientStreaming<Req, Resp> extends Front<Req, Resp>
            implements AsyncClientStreamCall<Req, Resp> {
        ClientStreaming(AsyncSendQueue<Req, Resp> queue) {
            super(queue);
        }

        @Override
        public CompletableFuture<Resp> response() {
            return queue.result();
        }
    }

    private static final class Duplex<Req, Resp> extends Front<Req, Void> implements AsyncDuplexCall<Req, Resp> {
        private final Flow.Publisher<Resp> responses;

        Duplex(AsyncSendQueue<Req, Void> queue, Flow.Publisher<Resp> responses) {
            super(queue);
            this.responses = responses;
        }

        @Override
        public Flow.Publisher<Resp> responses() {
            return responses;
        }
    }

    /** {@code @notifications} and {@code @realtime}: their handles differ only in their Javadoc. */
    private static final class OneWay<Req> extends Front<Req, Void>
            implements AsyncNotificationSink<Req>, AsyncRealtimeSink<Req> {
        OneWay(AsyncSendQueue<Req, Void> queue) {
            super(queue);
        }

        @Override
        public CompletableFuture<Void> done() {
            return queue.result();
        }
    }
}
