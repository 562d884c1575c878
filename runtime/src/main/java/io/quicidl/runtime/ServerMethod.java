package io.quicidl.runtime;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A method's descriptor bound to its server handler. Generated bindings create one per method
 * with the factory of the method's pattern. Every blocking handler runs on the server's handler
 * executor (virtual threads when the JVM has them), never on an event loop, so it may block. An
 * {@link AsyncUnaryHandler} is non-blocking by its signature: it runs on the connection's event
 * loop, with no thread hand-off, and returns a stage that completes when the response is ready.
 *
 * <p>A handler ends its call by returning (status OK), by throwing a {@link StatusException}
 * (that status), by throwing a {@link DeclaredError} (FAILED_PRECONDITION with the typed error),
 * or by throwing anything else (INTERNAL; the exception is logged, never sent).
 */
public final class ServerMethod<Req, Resp> {
    /** {@code @unary}: one request, one response. */
    @FunctionalInterface
    public interface UnaryHandler<Req, Resp> {
        Resp handle(Req request, ServerCallContext context);
    }

    /**
     * {@code @unary} without blocking: called on the connection's event loop, it must return at
     * once and complete the stage later (on any thread) with the response or a failure, with the
     * same meaning as a {@link UnaryHandler}'s return and throw. Blocking in it stalls every call
     * of the connection: work that blocks belongs in a {@link UnaryHandler}, or on an executor of
     * the handler's own whose result completes the stage.
     */
    @FunctionalInterface
    public interface AsyncUnaryHandler<Req, Resp> {
        CompletionStage<Resp> handle(Req request, ServerCallContext context);
    }

    /** {@code @server_streaming}: one request, responses written to {@code responses}. */
    @FunctionalInterface
    public interface ServerStreamingHandler<Req, Resp> {
        void handle(Req request, ResponseSink<Resp> responses, ServerCallContext context);
    }

    /** {@code @client_streaming}: a stream of requests, one response. */
    @FunctionalInterface
    public interface ClientStreamingHandler<Req, Resp> {
        Resp handle(RequestStream<Req> requests, ServerCallContext context);
    }

    /** {@code @duplex}: requests and responses at once. */
    @FunctionalInterface
    public interface DuplexHandler<Req, Resp> {
        void handle(RequestStream<Req> requests, ResponseSink<Resp> responses, ServerCallContext context);
    }

    /** {@code @notifications} and {@code @realtime}: a stream of requests, no response. */
    @FunctionalInterface
    public interface RequestsHandler<Req> {
        void handle(RequestStream<Req> requests, ServerCallContext context);
    }

    /** {@code @unordered}: one request, indexed responses each on its own stream. */
    @FunctionalInterface
    public interface UnorderedHandler<Req, Resp> {
        void handle(Req request, UnorderedSink<Resp> responses, ServerCallContext context);
    }

    private final MethodDescriptor<Req, Resp> descriptor;
    private final Object handler;

    private ServerMethod(MethodDescriptor<Req, Resp> descriptor, Pattern expected, Object handler) {
        if (descriptor.pattern() != expected) {
            throw new IllegalArgumentException(descriptor + " is not a " + expected + " method");
        }
        this.descriptor = descriptor;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    public static <Req, Resp> ServerMethod<Req, Resp> unary(
            MethodDescriptor<Req, Resp> method, UnaryHandler<Req, Resp> handler) {
        return new ServerMethod<>(method, Pattern.UNARY, handler);
    }

    /** {@code @unary} with a non-blocking handler that runs on the event loop. */
    public static <Req, Resp> ServerMethod<Req, Resp> unaryAsync(
            MethodDescriptor<Req, Resp> method, AsyncUnaryHandler<Req, Resp> handler) {
        return new ServerMethod<>(method, Pattern.UNARY, handler);
    }

    public static <Req, Resp> ServerMethod<Req, Resp> serverStreaming(
            MethodDescriptor<Req, Resp> method, ServerStreamingHandler<Req, Resp> handler) {
        return new ServerMethod<>(method, Pattern.SERVER_STREAMING, handler);
    }

    public static <Req, Resp> ServerMethod<Req, Resp> clientStreaming(
            MethodDescriptor<Req, Resp> method, ClientStreamingHandler<Req, Resp> handler) {
        return new ServerMethod<>(method, Pattern.CLIENT_STREAMING, handler);
    }

    public static <Req, Resp> ServerMethod<Req, Resp> duplex(
            MethodDescriptor<Req, Resp> method, DuplexHandler<Req, Resp> handler) {
        return new ServerMethod<>(method, Pattern.DUPLEX, handler);
    }

    public static <Req> ServerMethod<Req, Void> notifications(
            MethodDescriptor<Req, Void> method, RequestsHandler<Req> handler) {
        return new ServerMethod<>(method, Pattern.NOTIFICATIONS, handler);
    }

    public static <Req, Resp> ServerMethod<Req, Resp> unordered(
            MethodDescriptor<Req, Resp> method, UnorderedHandler<Req, Resp> handler) {
        return new ServerMethod<>(method, Pattern.UNORDERED, handler);
    }

    public static <Req> ServerMethod<Req, Void> realtime(
            MethodDescriptor<Req, Void> method, RequestsHandler<Req> handler) {
        return new ServerMethod<>(method, Pattern.REALTIME, handler);
    }

    public MethodDescriptor<Req, Resp> descriptor() {
        return descriptor;
    }

    /**
     * The handler; its interface is the one of the descriptor's pattern ({@link UnaryHandler} or
     * {@link AsyncUnaryHandler} for {@code @unary}). For the runtime's call layer, which casts it.
     */
    public Object handler() {
        return handler;
    }
}
