package io.quicidl.runtime;

import io.quicidl.runtime.call.AsyncHandles;
import io.quicidl.runtime.call.CallObserver;
import io.quicidl.runtime.call.ClientStreamingClientCall;
import io.quicidl.runtime.call.DuplexClientCall;
import io.quicidl.runtime.call.NotificationsClientCall;
import io.quicidl.runtime.call.RealtimeClientCall;
import io.quicidl.runtime.call.RealtimeDatagramClientCall;
import io.quicidl.runtime.call.RequestPump;
import io.quicidl.runtime.call.ResponsePublisher;
import io.quicidl.runtime.call.ServerStreamingClientCall;
import io.quicidl.runtime.call.UnaryClientCall;
import io.quicidl.runtime.call.UnorderedClientCall;
import io.quicidl.runtime.transport.CallConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * What generated client stubs call: one helper per pattern (SPEC.md §5). Every helper takes the
 * {@link Channel} to call on, the method's descriptor (whose pattern must match) and the call
 * options, and starts the call at once; the returned handle documents its own threading. Blocking helpers and
 * handle methods must not run on an event loop. Failures are thrown as {@link StatusException},
 * or as the method's own {@link DeclaredError} subclass when the server threw one.
 *
 * <p>The asynchronous helpers of the patterns where the client streams come in two forms. The
 * first returns a handle ({@link AsyncClientStreamCall}, {@link AsyncDuplexCall},
 * {@link AsyncNotificationSink}, {@link AsyncRealtimeSink}) whose {@code send} never blocks and
 * returns a stage that completes when flow control took the message. The second takes the
 * requests as a {@link Flow.Publisher} and feeds them to such a handle. Its rule: the helper
 * subscribes to the publisher on the caller's thread before it returns, then asks for at most
 * {@value RequestPump#BUFFER} messages ahead of what flow control took, and never blocks the
 * publisher's thread. So a hot publisher such as {@link java.util.concurrent.SubmissionPublisher}
 * loses nothing submitted once the helper returned; what it was given before has no subscriber
 * and is dropped by the publisher itself. A publisher that completes without an item sends an
 * empty request stream, which is legal (the server decides whether that is an error). An error
 * from the publisher cancels the call; so does cancelling the returned future or subscription.
 *
 * <p>On a channel from {@link Channel#intercept}, every helper first runs the channel's
 * {@link ClientInterceptor}s on the calling thread (for the {@code Flow.Publisher} of responses,
 * when the subscriber starts the call); an interceptor's refusal is thrown from here.
 */
public final class ClientCalls {
    private ClientCalls() {}

    /** {@code @unary}, blocking: sends the request and waits for the response. */
    public static <Req, Resp> Resp unary(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNARY);
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return UnaryClientCall.call(
                channel.connection(), method, request, options(intercepted, options), observer(intercepted));
    }

    /**
     * {@code @unary}, asynchronous. The future completes on the channel's handler executor,
     * never on an event loop; cancelling it cancels the call.
     */
    public static <Req, Resp> CompletableFuture<Resp> unaryAsync(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNARY);
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return UnaryClientCall.start(
                channel.connection(), method, request, options(intercepted, options), observer(intercepted));
    }

    /** {@code @server_streaming}: the responses as they arrive; close the stream to cancel. */
    public static <Req, Resp> ResponseStream<Resp> serverStreaming(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.SERVER_STREAMING);
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return ServerStreamingClientCall.start(
                channel.connection(), method, request, options(intercepted, options), observer(intercepted));
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
                () -> {
                    InterceptedCall intercepted = channel.interceptCall(method, options);
                    return ServerStreamingClientCall.start(
                            connection, method, request, options(intercepted, options), observer(intercepted));
                },
                connection.handlerExecutor());
    }

    /** {@code @client_streaming}: send the requests, then {@link ClientStreamCall#complete()} for the response. */
    public static <Req, Resp> ClientStreamCall<Req, Resp> clientStreaming(
            Channel channel, MethodDescriptor<Req, Resp> method, CallOptions options) {
        check(method, Pattern.CLIENT_STREAMING);
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return ClientStreamingClientCall.start(
                channel.connection(), method, options(intercepted, options), observer(intercepted));
    }

    /**
     * {@code @client_streaming}, asynchronous: the call starts at once and the handle takes the
     * requests without blocking; {@link AsyncClientStreamCall#response()} completes with the
     * response after {@link AsyncClientStreamCall#complete()}.
     */
    public static <Req, Resp> AsyncClientStreamCall<Req, Resp> clientStreamingAsync(
            Channel channel, MethodDescriptor<Req, Resp> method, CallOptions options) {
        check(method, Pattern.CLIENT_STREAMING);
        CallConnection connection = channel.connection();
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return AsyncHandles.clientStreaming(
                ClientStreamingClientCall.start(
                        connection, method, options(intercepted, options), observer(intercepted)),
                connection.handlerExecutor());
    }

    /**
     * {@code @client_streaming}, asynchronous, with the requests from a publisher (see the class
     * Javadoc for when it is subscribed): sends its requests, finishes the request stream when it
     * completes, and completes the future with the response (on the handler executor). The
     * future fails with the call's failure, or with the publisher's error after cancelling the
     * call; cancelling it cancels the subscription and the call.
     */
    public static <Req, Resp> CompletableFuture<Resp> clientStreamingAsync(
            Channel channel,
            MethodDescriptor<Req, Resp> method,
            Flow.Publisher<? extends Req> requests,
            CallOptions options) {
        AsyncClientStreamCall<Req, Resp> call = clientStreamingAsync(channel, method, options);
        RequestPump.subscribe(requests, call);
        return call.response();
    }

    /** {@code @duplex}: send and read at once. */
    public static <Req, Resp> DuplexCall<Req, Resp> duplex(
            Channel channel, MethodDescriptor<Req, Resp> method, CallOptions options) {
        check(method, Pattern.DUPLEX);
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return DuplexClientCall.start(
                channel.connection(), method, options(intercepted, options), observer(intercepted));
    }

    /**
     * {@code @duplex}, asynchronous: the call starts at once; the handle takes the requests
     * without blocking and publishes the responses to one subscriber, with the flow-control rules
     * of {@link #serverStreamingPublisher}.
     */
    public static <Req, Resp> AsyncDuplexCall<Req, Resp> duplexAsync(
            Channel channel, MethodDescriptor<Req, Resp> method, CallOptions options) {
        check(method, Pattern.DUPLEX);
        CallConnection connection = channel.connection();
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return AsyncHandles.duplex(
                DuplexClientCall.start(connection, method, options(intercepted, options), observer(intercepted)),
                connection.handlerExecutor());
    }

    /**
     * {@code @duplex}, asynchronous, with the requests from a publisher (see the class Javadoc for
     * when it is subscribed): the call starts at once and sends the publisher's requests,
     * finishing the request half when it completes; the returned publisher takes one subscriber,
     * as {@link AsyncDuplexCall#responses()}. Cancelling the response subscription cancels the
     * call and the request subscription; an error from the requests publisher cancels the call,
     * which the response subscriber sees as CANCELLED.
     */
    public static <Req, Resp> Flow.Publisher<Resp> duplexAsync(
            Channel channel,
            MethodDescriptor<Req, Resp> method,
            Flow.Publisher<? extends Req> requests,
            CallOptions options) {
        AsyncDuplexCall<Req, Resp> call = duplexAsync(channel, method, options);
        RequestPump.subscribe(requests, call);
        return call.responses();
    }

    /** {@code @notifications}: an ordered one-way stream of messages. */
    public static <Req> NotificationSink<Req> notifications(
            Channel channel, MethodDescriptor<Req, ?> method, CallOptions options) {
        check(method, Pattern.NOTIFICATIONS);
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return NotificationsClientCall.start(
                channel.connection(), method, options(intercepted, options), observer(intercepted));
    }

    /**
     * {@code @notifications}, asynchronous: the call starts at once and the handle takes the
     * messages without blocking; {@link AsyncNotificationSink#done()} completes once FIN is
     * queued behind them.
     */
    public static <Req> AsyncNotificationSink<Req> notificationsAsync(
            Channel channel, MethodDescriptor<Req, ?> method, CallOptions options) {
        check(method, Pattern.NOTIFICATIONS);
        CallConnection connection = channel.connection();
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return AsyncHandles.notifications(
                NotificationsClientCall.start(connection, method, options(intercepted, options), observer(intercepted)),
                connection.handlerExecutor());
    }

    /**
     * {@code @notifications}, asynchronous, with the messages from a publisher (see the class
     * Javadoc for when it is subscribed): sends them in order; the future completes once the
     * publisher completed and FIN is queued behind the messages (delivery as for
     * {@link NotificationSink#complete()}). It fails with the call's failure, or with the
     * publisher's error after cancelling the call; cancelling it cancels the subscription and
     * the call.
     */
    public static <Req> CompletableFuture<Void> notificationsAsync(
            Channel channel,
            MethodDescriptor<Req, ?> method,
            Flow.Publisher<? extends Req> requests,
            CallOptions options) {
        AsyncNotificationSink<Req> sink = notificationsAsync(channel, method, options);
        RequestPump.subscribe(requests, sink);
        return sink.done();
    }

    /** {@code @unordered}: the indexed responses in the order they complete; close the stream to cancel. */
    public static <Req, Resp> ResponseStream<Indexed<Resp>> unordered(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNORDERED);
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return UnorderedClientCall.start(
                channel.connection(), method, request, options(intercepted, options), observer(intercepted));
    }

    /** {@code @unordered}, asynchronous, with the flow-control rules of {@link #serverStreamingPublisher}. */
    public static <Req, Resp> Flow.Publisher<Indexed<Resp>> unorderedPublisher(
            Channel channel, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNORDERED);
        CallConnection connection = channel.connection();
        return new ResponsePublisher<>(
                () -> {
                    InterceptedCall intercepted = channel.interceptCall(method, options);
                    return UnorderedClientCall.start(
                            connection, method, request, options(intercepted, options), observer(intercepted));
                },
                connection.handlerExecutor());
    }

    /** {@code @realtime}: messages where only the newest matters. */
    public static <Req> RealtimeSink<Req> realtime(
            Channel channel, MethodDescriptor<Req, ?> method, CallOptions options) {
        check(method, Pattern.REALTIME);
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return startRealtime(channel.connection(), method, options(intercepted, options), observer(intercepted));
    }

    /** Streams or QUIC DATAGRAM frames, as the schema's {@code @realtime(delivery)} says (SPEC.md §5.7, §5.9). */
    private static <Req> RealtimeSink<Req> startRealtime(
            CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options, CallObserver observer) {
        return method.realtimeDelivery() == RealtimeDelivery.DATAGRAM
                ? RealtimeDatagramClientCall.start(connection, method, options, observer)
                : RealtimeClientCall.start(connection, method, options, observer);
    }

    /**
     * {@code @realtime}, asynchronous: the call starts at once and the handle takes the messages
     * without blocking, each superseding the older ones still in flight;
     * {@link AsyncRealtimeSink#done()} completes once the call ended.
     */
    public static <Req> AsyncRealtimeSink<Req> realtimeAsync(
            Channel channel, MethodDescriptor<Req, ?> method, CallOptions options) {
        check(method, Pattern.REALTIME);
        CallConnection connection = channel.connection();
        InterceptedCall intercepted = channel.interceptCall(method, options);
        return AsyncHandles.realtime(
                startRealtime(connection, method, options(intercepted, options), observer(intercepted)),
                connection.handlerExecutor());
    }

    /**
     * {@code @realtime}, asynchronous, with the messages from a publisher (see the class Javadoc
     * for when it is subscribed): sends them, each superseding the older ones still in flight,
     * and ends the call when the publisher completes; the future completes then. It fails with
     * the call's failure, or with the publisher's error after cancelling the call; cancelling it
     * cancels the subscription and the call.
     */
    public static <Req> CompletableFuture<Void> realtimeAsync(
            Channel channel,
            MethodDescriptor<Req, ?> method,
            Flow.Publisher<? extends Req> requests,
            CallOptions options) {
        AsyncRealtimeSink<Req> sink = realtimeAsync(channel, method, options);
        RequestPump.subscribe(requests, sink);
        return sink.done();
    }

    /** The options a call starts with: the interceptors' when the channel has some. */
    private static CallOptions options(InterceptedCall intercepted, CallOptions options) {
        return intercepted == null ? options : intercepted.options();
    }

    /** The interceptors' observer of a call; {@code null} on a plain channel or when none observes. */
    private static CallObserver observer(InterceptedCall intercepted) {
        return intercepted == null ? null : intercepted.observer();
    }

    private static void check(MethodDescriptor<?, ?> method, Pattern pattern) {
        if (method.pattern() != pattern) {
            throw new IllegalArgumentException(method + " is not a " + pattern + " method");
        }
    }
}
