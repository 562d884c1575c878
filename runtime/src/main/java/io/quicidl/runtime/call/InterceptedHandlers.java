package io.quicidl.runtime.call;

import io.quicidl.runtime.MessageCodec;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerInterceptor;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServerMethod.AsyncUnaryHandler;
import io.quicidl.runtime.ServerMethod.ClientStreamingHandler;
import io.quicidl.runtime.ServerMethod.DuplexHandler;
import io.quicidl.runtime.ServerMethod.RequestsHandler;
import io.quicidl.runtime.ServerMethod.ServerStreamingHandler;
import io.quicidl.runtime.ServerMethod.UnaryHandler;
import io.quicidl.runtime.ServerMethod.UnorderedHandler;
import io.quicidl.runtime.UnorderedSink;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Puts a server's interceptor chain around each handler, once, when the router is built: the
 * pattern state machines run the wrapped handler as any other, so a refusal takes the wire path
 * of a failing handler, and a server without interceptors runs its handlers untouched.
 */
final class InterceptedHandlers {
    private InterceptedHandlers() {}

    // The handler's type follows from the descriptor's pattern, checked by ServerMethod's factories.
    @SuppressWarnings("unchecked")
    static <Req, Resp> ServerMethod<Req, Resp> wrap(ServerMethod<Req, Resp> method, List<ServerInterceptor> chain) {
        MethodDescriptor<Req, Resp> descriptor = method.descriptor();
        Object handler = method.handler();
        return switch (descriptor.pattern()) {
            case UNARY ->
                handler instanceof AsyncUnaryHandler<?, ?>
                        ? ServerMethod.unaryAsync(
                                descriptor, asyncUnary(descriptor, (AsyncUnaryHandler<Req, Resp>) handler, chain))
                        : ServerMethod.unary(descriptor, unary(descriptor, (UnaryHandler<Req, Resp>) handler, chain));
            case SERVER_STREAMING ->
                ServerMethod.serverStreaming(
                        descriptor, serverStreaming(descriptor, (ServerStreamingHandler<Req, Resp>) handler, chain));
            case CLIENT_STREAMING ->
                ServerMethod.clientStreaming(
                        descriptor, clientStreaming(descriptor, (ClientStreamingHandler<Req, Resp>) handler, chain));
            case DUPLEX ->
                ServerMethod.duplex(descriptor, duplex(descriptor, (DuplexHandler<Req, Resp>) handler, chain));
            case UNORDERED ->
                ServerMethod.unordered(descriptor, unordered(descriptor, (UnorderedHandler<Req, Resp>) handler, chain));
            case NOTIFICATIONS ->
                (ServerMethod<Req, Resp>) (ServerMethod<Req, ?>) ServerMethod.notifications(
                        (MethodDescriptor<Req, Void>) descriptor,
                        requests(descriptor, (RequestsHandler<Req>) handler, chain));
            case REALTIME ->
                (ServerMethod<Req, Resp>) (ServerMethod<Req, ?>) ServerMethod.realtime(
                        (MethodDescriptor<Req, Void>) descriptor,
                        requests(descriptor, (RequestsHandler<Req>) handler, chain));
        };
    }

    private static <Req, Resp> UnaryHandler<Req, Resp> unary(
            MethodDescriptor<Req, Resp> method, UnaryHandler<Req, Resp> handler, List<ServerInterceptor> chain) {
        return (request, context) -> {
            ServerInterception call = ServerInterception.start(context.method(), context, chain);
            CallObserver messages = call.messageObserver();
            Resp response = call.invoke(() -> {
                received(messages, method.requestCodec(), request);
                return handler.handle(request, call.handlerContext());
            });
            sent(messages, method.responseCodec(), response);
            call.succeeded();
            return response;
        };
    }

    private static <Req, Resp> AsyncUnaryHandler<Req, Resp> asyncUnary(
            MethodDescriptor<Req, Resp> method, AsyncUnaryHandler<Req, Resp> handler, List<ServerInterceptor> chain) {
        return (request, context) -> {
            ServerInterception call = ServerInterception.start(context.method(), context, chain);
            CallObserver messages = call.messageObserver();
            CompletionStage<Resp> stage = call.invoke(() -> {
                received(messages, method.requestCodec(), request);
                return handler.handle(request, call.handlerContext());
            });
            if (stage == null) {
                return null; // the call layer reports the broken handler
            }
            return stage.whenComplete((response, failure) -> {
                if (failure != null) {
                    call.failed(failure);
                } else {
                    sent(messages, method.responseCodec(), response);
                    call.succeeded();
                }
            });
        };
    }

    private static <Req, Resp> ServerStreamingHandler<Req, Resp> serverStreaming(
            MethodDescriptor<Req, Resp> method,
            ServerStreamingHandler<Req, Resp> handler,
            List<ServerInterceptor> chain) {
        return (request, responses, context) -> {
            ServerInterception call = ServerInterception.start(context.method(), context, chain);
            CallObserver messages = call.messageObserver();
            call.invoke(() -> {
                received(messages, method.requestCodec(), request);
                handler.handle(request, observed(responses, messages, method.responseCodec()), call.handlerContext());
                return Boolean.TRUE;
            });
            call.succeeded();
        };
    }

    private static <Req, Resp> ClientStreamingHandler<Req, Resp> clientStreaming(
            MethodDescriptor<Req, Resp> method,
            ClientStreamingHandler<Req, Resp> handler,
            List<ServerInterceptor> chain) {
        return (requests, context) -> {
            ServerInterception call = ServerInterception.start(context.method(), context, chain);
            CallObserver messages = call.messageObserver();
            Resp response = call.invoke(
                    () -> handler.handle(observed(requests, messages, method.requestCodec()), call.handlerContext()));
            sent(messages, method.responseCodec(), response);
            call.succeeded();
            return response;
        };
    }

    private static <Req, Resp> DuplexHandler<Req, Resp> duplex(
            MethodDescriptor<Req, Resp> method, DuplexHandler<Req, Resp> handler, List<ServerInterceptor> chain) {
        return (requests, responses, context) -> {
            ServerInterception call = ServerInterception.start(context.method(), context, chain);
            CallObserver messages = call.messageObserver();
            call.invoke(() -> {
                handler.handle(
                        observed(requests, messages, method.requestCodec()),
                        observed(responses, messages, method.responseCodec()),
                        call.handlerContext());
                return Boolean.TRUE;
            });
            call.succeeded();
        };
    }

    private static <Req, Resp> UnorderedHandler<Req, Resp> unordered(
            MethodDescriptor<Req, Resp> method, UnorderedHandler<Req, Resp> handler, List<ServerInterceptor> chain) {
        return (request, responses, context) -> {
            ServerInterception call = ServerInterception.start(context.method(), context, chain);
            CallObserver messages = call.messageObserver();
            UnorderedSink<Resp> sink = messages == null
                    ? responses
                    : (index, value) -> {
                        messages.response(value, method.responseCodec().encodedSize(value));
                        responses.send(index, value);
                    };
            call.invoke(() -> {
                received(messages, method.requestCodec(), request);
                handler.handle(request, sink, call.handlerContext());
                return Boolean.TRUE;
            });
            call.succeeded();
        };
    }

    private static <Req> RequestsHandler<Req> requests(
            MethodDescriptor<Req, ?> method, RequestsHandler<Req> handler, List<ServerInterceptor> chain) {
        return (requests, context) -> {
            ServerInterception call = ServerInterception.start(context.method(), context, chain);
            CallObserver messages = call.messageObserver();
            call.invoke(() -> {
                handler.handle(observed(requests, messages, method.requestCodec()), call.handlerContext());
                return Boolean.TRUE;
            });
            call.succeeded();
        };
    }

    // Sizes come from the codec: generated messages cache theirs, and the sender computed it already.
    private static <T> void received(CallObserver messages, MessageCodec<T> codec, T request) {
        if (messages != null) {
            messages.request(request, codec.encodedSize(request));
        }
    }

    private static <T> void sent(CallObserver messages, MessageCodec<T> codec, T response) {
        if (messages != null && response != null) {
            messages.response(response, codec.encodedSize(response));
        }
    }

    private static <T> ResponseSink<T> observed(
            ResponseSink<T> responses, CallObserver messages, MessageCodec<T> codec) {
        if (messages == null) {
            return responses;
        }
        // Observed before the send: once it is on the wire the peer may cancel, and the close must
        // not reach the listeners ahead of the response that was already sent.
        return message -> {
            messages.response(message, codec.encodedSize(message));
            responses.send(message);
        };
    }

    private static <T> RequestStream<T> observed(
            RequestStream<T> requests, CallObserver messages, MessageCodec<T> codec) {
        if (messages == null) {
            return requests;
        }
        return () -> {
            Iterator<T> inner = requests.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return inner.hasNext();
                }

                @Override
                public T next() {
                    T message = inner.next();
                    messages.request(message, codec.encodedSize(message));
                    return message;
                }
            };
        };
    }
}
