package io.quicidl.runtime;

import io.quicidl.runtime.call.ClientStreamingClientCall;
import io.quicidl.runtime.call.DuplexClientCall;
import io.quicidl.runtime.call.NotificationsClientCall;
import io.quicidl.runtime.call.RealtimeClientCall;
import io.quicidl.runtime.call.ResponsePublisher;
import io.quicidl.runtime.call.ServerStreamingClientCall;
import io.quicidl.runtime.call.UnaryClientCall;
import io.quicidl.runtime.call.UnorderedClientCall;
import io.quicidl.runtime.transport.CallConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * What generated client stubs call: one helper per pattern (SPEC.md §5). Every helper takes the
 * connection, the method's descriptor (whose pattern must match) and the call options, and
 * starts the call at once; the returned handle documents its own threading. Blocking helpers and
 * handle methods must not run on an event loop. Failures are thrown as {@link StatusException},
 * or as the method's own {@link DeclaredError} subclass when the server threw one.
 */
public final class ClientCalls {
    private ClientCalls() {}

    /** {@code @unary}, blocking: sends the request and waits for the response. */
    public static <Req, Resp> Resp unary(
            CallConnection connection, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        CompletableFuture<Resp> response = unaryAsync(connection, method, request, options);
        try {
            return response.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * {@code @unary}, asynchronous. The future completes on the connection's handler executor,
     * never on an event loop; cancelling it cancels the call.
     */
    public static <Req, Resp> CompletableFuture<Resp> unaryAsync(
            CallConnection connection, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNARY);
        return UnaryClientCall.start(connection, method, request, options);
    }

    /** {@code @server_streaming}: the responses as they arrive; close the stream to cancel. */
    public static <Req, Resp> ResponseStream<Resp> serverStreaming(
            CallConnection connection, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.SERVER_STREAMING);
        return ServerStreamingClientCall.start(connection, method, request, options);
    }

    /**
     * {@code @server_streaming}, asynchronous: each subscriber starts its own call on its first
     * request and gets responses only as far as it requested; signals arrive on the connection's
     * handler executor. Cancelling the subscription cancels the call.
     */
    public static <Req, Resp> Flow.Publisher<Resp> serverStreamingPublisher(
            CallConnection connection, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.SERVER_STREAMING);
        return new ResponsePublisher<>(
                () -> ServerStreamingClientCall.start(connection, method, request, options), connection.handlerExecutor());
    }

    /** {@code @client_streaming}: send the requests, then {@link ClientStreamCall#complete()} for the response. */
    public static <Req, Resp> ClientStreamCall<Req, Resp> clientStreaming(
            CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options) {
        check(method, Pattern.CLIENT_STREAMING);
        return ClientStreamingClientCall.start(connection, method, options);
    }

    /** {@code @duplex}: send and read at once. */
    public static <Req, Resp> DuplexCall<Req, Resp> duplex(
            CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options) {
        check(method, Pattern.DUPLEX);
        return DuplexClientCall.start(connection, method, options);
    }

    /** {@code @notifications}: an ordered one-way stream of messages. */
    public static <Req> NotificationSink<Req> notifications(
            CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options) {
        check(method, Pattern.NOTIFICATIONS);
        return NotificationsClientCall.start(connection, method, options);
    }

    /** {@code @unordered}: the indexed responses in the order they complete; close the stream to cancel. */
    public static <Req, Resp> ResponseStream<Indexed<Resp>> unordered(
            CallConnection connection, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNORDERED);
        return UnorderedClientCall.start(connection, method, request, options);
    }

    /** {@code @unordered}, asynchronous, with the flow-control rules of {@link #serverStreamingPublisher}. */
    public static <Req, Resp> Flow.Publisher<Indexed<Resp>> unorderedPublisher(
            CallConnection connection, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        check(method, Pattern.UNORDERED);
        return new ResponsePublisher<>(
                () -> UnorderedClientCall.start(connection, method, request, options), connection.handlerExecutor());
    }

    /** {@code @realtime}: messages where only the newest matters. */
    public static <Req> RealtimeSink<Req> realtime(
            CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options) {
        check(method, Pattern.REALTIME);
        return RealtimeClientCall.start(connection, method, options);
    }

    private static void check(MethodDescriptor<?, ?> method, Pattern pattern) {
        if (method.pattern() != pattern) {
            throw new IllegalArgumentException(method + " is not a " + pattern + " method");
        }
    }
}
