package io.quicidl.runtime;

import io.quicidl.runtime.call.ClientStreamingClientCall;
import io.quicidl.runtime.call.DuplexClientCall;
import io.quicidl.runtime.call.NotificationsClientCall;
import io.quicidl.runtime.call.RealtimeClientCall;
import io.quicidl.runtime.call.RequestPump;
import io.quicidl.runtime.call.ResponsePublisher;
import io.quicidl.runtime.call.ServerStreamingClientCall;
import io.quicidl.runtime.call.UnaryClientCall;
import io.quicidl.runtime.call.UnorderedClientCall;
import io.quicidl.runtime.transport.CallConnection;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * What generated client stubs call: one helper per pattern (SPEC.md §5). Every helper takes the
 * {@link Channel} to call on, the method's descriptor (whose pattern must match) and the call
 * options, and starts the call at once; the returned handle documents its own threading. Blocking helpers and
 * handle methods must not run on an event loop. Failures are thrown as {@link StatusException},
 * or as the method's own {@link DeclaredError} subclass when the server threw one.
 *
 * <p>The asynchronous helpers of the patterns where the client streams take the requests as a
 * {@link Flow.Publisher} and feed them to the blocking handle from the channel's handler
 * executor, asking the publisher for at most {@value RequestPump#BUFFER} messages ahead of what
 * flow control let through. They never block the publisher's thread. An error from the
 * publisher cancels the call; so does cancelling the returned future or subscription.
 */
public final class ClientCalls {
    private ClientCalls() {}

    /** {@code @unary}, blocking: sends the request and waits for the response. */
    public static <Req, Resp> Resp unary(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNARY);
        return UnaryClientCall.call(channel.connection(), method, request, options);
    }

    /**
     * {@code @unary}, asynchronous. The future completes on the channel's handler executor,
     * never on an event loop; cancelling it cancels the call.
     */
    public static <Req, Resp> CompletableFuture<Resp> unaryAsync(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNARY);
        return UnaryClientCall.start(channel.connection(), method, request, options);
    }

    /** {@code @server_streaming}: the responses as they arrive; close the stream to cancel. */
    public static <Req, Resp> ResponseStream<Resp> serverStreaming(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.SERVER_STREAMING);
        return ServerStreamingClientCall.start(channel.connection(), method, request, options);
    }

    /**
     * {@code @server_streaming}, asynchronous: each subscriber starts its own call on its first
     * request and gets responses only as far as it requested; signals arrive on the channel's
     * handler executor. Cancelling the subscription cancels the call.
     */
    public static <Req, Resp> Flow.Publisher<Resp> serverStreamingPublisher(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.SERVER_STREAMING);
        CallConnection connection = channel.connection();
        return new ResponsePublisher<>(
                () -> ServerStreamingClientCall.start(connection, method, request, options),
                connection.handlerExecutor());
    }

    /** {@code @client_streaming}: send the requests, then {@link ClientStreamCall#complete()} for the response. */
    public static <Req, Resp> ClientStreamCall<Req, Resp> clientStreaming(
            Channel channel, MethodDescriptor<Req, Resp> method, CallOptions options) {
        check(method, Pattern.CLIENT_STREAMING);
        return ClientStreamingClientCall.start(channel.connection(), method, options);
    }

    /**
     * {@code @client_streaming}, asynchronous: sends the publisher's requests, finishes the
     * request stream when it completes, and completes the future with the response (on the
     * handler executor). The future fails with the call's failure, or with the publisher's
     * error after cancelling the call; cancelling it cancels the subscription and the call.
     */
    public static <Req, Resp> CompletableFuture<Resp> clientStreamingAsync(
            Channel channel,
            MethodDescriptor<Req, Resp> method,
            Flow.Publisher<? extends Req> requests,
            CallOptions options) {
        check(method, Pattern.CLIENT_STREAMING);
        CallConnection connection = channel.connection();
        ClientStreamCall<Req, Resp> call = ClientStreamingClientCall.start(connection, method, options);
        return RequestPump.start(requests, call::send, call::complete, call::cancel, connection.handlerExecutor());
    }

    /** {@code @duplex}: send and read at once. */
    public static <Req, Resp> DuplexCall<Req, Resp> duplex(
            Channel channel, MethodDescriptor<Req, Resp> method, CallOptions options) {
        check(method, Pattern.DUPLEX);
        return DuplexClientCall.start(channel.connection(), method, options);
    }

    /**
     * {@code @duplex}, asynchronous, with the flow-control rules of {@link #serverStreamingPublisher}:
     * each subscriber starts its own call on its first request, which subscribes to
     * {@code requests} and sends them as the publisher provides them, finishing the request
     * half when it completes. Cancelling the response subscription cancels the call and the
     * request subscription; an error from the requests publisher cancels the call, which the
     * response subscriber sees as CANCELLED.
     */
    public static <Req, Resp> Flow.Publisher<Resp> duplexAsync(
            Channel channel,
            MethodDescriptor<Req, Resp> method,
            Flow.Publisher<? extends Req> requests,
            CallOptions options) {
        check(method, Pattern.DUPLEX);
        CallConnection connection = channel.connection();
        return new ResponsePublisher<>(
                () -> {
                    DuplexCall<Req, Resp> call = DuplexClientCall.start(connection, method, options);
                    CompletableFuture<Void> sending =
                            sendAll(requests, call::send, call::complete, call::cancel, connection.handlerExecutor());
                    return new ResponseStream<Resp>() {
                        @Override
                        public Iterator<Resp> iterator() {
                            return call.iterator();
                        }

                        @Override
                        public void close() {
                            sending.cancel(false);
                            call.close();
                        }
                    };
                },
                connection.handlerExecutor());
    }

    /** {@code @notifications}: an ordered one-way stream of messages. */
    public static <Req> NotificationSink<Req> notifications(
            Channel channel, MethodDescriptor<Req, ?> method, CallOptions options) {
        check(method, Pattern.NOTIFICATIONS);
        return NotificationsClientCall.start(channel.connection(), method, options);
    }

    /**
     * {@code @notifications}, asynchronous: sends the publisher's messages in order; the future
     * completes once the publisher completed and FIN is queued behind the messages (delivery as
     * for {@link NotificationSink#complete()}). It fails with the call's failure, or with the
     * publisher's error after cancelling the call; cancelling it cancels the subscription and
     * the call.
     */
    public static <Req> CompletableFuture<Void> notificationsAsync(
            Channel channel,
            MethodDescriptor<Req, ?> method,
            Flow.Publisher<? extends Req> requests,
            CallOptions options) {
        check(method, Pattern.NOTIFICATIONS);
        CallConnection connection = channel.connection();
        NotificationSink<Req> sink = NotificationsClientCall.start(connection, method, options);
        return sendAll(requests, sink::send, sink::complete, sink::cancel, connection.handlerExecutor());
    }

    /** {@code @unordered}: the indexed responses in the order they complete; close the stream to cancel. */
    public static <Req, Resp> ResponseStream<Indexed<Resp>> unordered(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNORDERED);
        return UnorderedClientCall.start(channel.connection(), method, request, options);
    }

    /** {@code @unordered}, asynchronous, with the flow-control rules of {@link #serverStreamingPublisher}. */
    public static <Req, Resp> Flow.Publisher<Indexed<Resp>> unorderedPublisher(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNORDERED);
        CallConnection connection = channel.connection();
        return new ResponsePublisher<>(
                () -> UnorderedClientCall.start(connection, method, request, options), connection.handlerExecutor());
    }

    /** {@code @realtime}: messages where only the newest matters. */
    public static <Req> RealtimeSink<Req> realtime(
            Channel channel, MethodDescriptor<Req, ?> method, CallOptions options) {
        check(method, Pattern.REALTIME);
        return RealtimeClientCall.start(channel.connection(), method, options);
    }

    /**
     * {@code @realtime}, asynchronous: sends the publisher's messages, each superseding the
     * older ones still in flight, and ends the call when the publisher completes; the future
     * completes then. It fails with the call's failure, or with the publisher's error after
     * cancelling the call; cancelling it cancels the subscription and the call.
     */
    public static <Req> CompletableFuture<Void> realtimeAsync(
            Channel channel,
            MethodDescriptor<Req, ?> method,
            Flow.Publisher<? extends Req> requests,
            CallOptions options) {
        check(method, Pattern.REALTIME);
        CallConnection connection = channel.connection();
        RealtimeSink<Req> sink = RealtimeClientCall.start(connection, method, options);
        return sendAll(requests, sink::send, sink::complete, sink::cancel, connection.handlerExecutor());
    }

    /**
     * Sends the publisher's requests through {@code send} and calls {@code complete} once it
     * completes: the asynchronous form of every pattern whose request side is a stream.
     */
    private static <Req> CompletableFuture<Void> sendAll(
            Flow.Publisher<? extends Req> requests,
            Consumer<? super Req> send,
            Runnable complete,
            Runnable cancel,
            Executor executor) {
        return RequestPump.start(
                requests,
                send,
                () -> {
                    complete.run();
                    return null;
                },
                cancel,
                executor);
    }

    private static void check(MethodDescriptor<?, ?> method, Pattern pattern) {
        if (method.pattern() != pattern) {
            throw new IllegalArgumentException(method + " is not a " + pattern + " method");
        }
    }
}
