package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.RealtimeDelivery;
import io.quicidl.runtime.ServerInterceptor;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServerMethod.ClientStreamingHandler;
import io.quicidl.runtime.ServerMethod.DuplexHandler;
import io.quicidl.runtime.ServerMethod.RequestsHandler;
import io.quicidl.runtime.ServerMethod.ServerStreamingHandler;
import io.quicidl.runtime.ServerMethod.UnorderedHandler;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.CallRouter;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.StatusFrame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's {@link CallRouter}: finds the method a CALL names, answers the calls it cannot
 * take (SPEC.md §5.1, §7.1), and starts the server state machine of the method's pattern.
 */
public final class Router implements CallRouter {
    private final Map<String, ServerMethod<?, ?>> methods = new HashMap<>();
    private final RealtimeCalls realtime = new RealtimeCalls();
    private final RealtimeDatagramCalls realtimeDatagrams = new RealtimeDatagramCalls();

    /** A router over these services; method names must be unique. */
    public Router(List<ServiceDefinition> services) {
        this(services, List.of());
    }

    /**
     * A router over these services whose handlers run behind {@code interceptors}, the first
     * outermost; with none, the handlers run as they are.
     */
    public Router(List<ServiceDefinition> services, List<ServerInterceptor> interceptors) {
        List<ServerInterceptor> chain = List.copyOf(interceptors);
        for (ServiceDefinition service : services) {
            for (ServerMethod<?, ?> registered : service.methods()) {
                ServerMethod<?, ?> method = chain.isEmpty() ? registered : InterceptedHandlers.wrap(registered, chain);
                if (methods.putIfAbsent(method.descriptor().fullName(), method) != null) {
                    throw new IllegalArgumentException(method.descriptor().fullName() + " is registered twice");
                }
            }
        }
    }

    @Override
    public boolean mayRunBeforeHandshake(String method) {
        ServerMethod<?, ?> known = methods.get(method);
        return known != null && known.descriptor().idempotent();
    }

    @Override
    public StreamListener acceptCall(StreamPort port, CallFrame call) {
        ServerMethod<?, ?> method = methods.get(call.method());
        if (method == null) {
            return refuse(port, StatusCode.UNIMPLEMENTED, "unknown method " + call.method(), ErrorCode.NO_ERROR);
        }
        Pattern pattern = method.descriptor().pattern();
        boolean bidi = pattern != Pattern.NOTIFICATIONS && pattern != Pattern.REALTIME;
        if (port.isBidirectional() != bidi) {
            return refuse(
                    port,
                    StatusCode.INTERNAL,
                    call.method() + " is " + pattern + " and needs a " + (bidi ? "bidi" : "uni") + " stream",
                    ErrorCode.PROTOCOL_ERROR);
        }
        int metadataSize = call.metadata().sizeInBytes();
        if (metadataSize > port.connection().maxMetadataBytes()) {
            return refuse(
                    port,
                    StatusCode.RESOURCE_EXHAUSTED,
                    "request metadata of " + metadataSize + " bytes exceeds the limit of "
                            + port.connection().maxMetadataBytes(),
                    ErrorCode.RESOURCE_EXHAUSTED);
        }
        if (method.descriptor().maxMessageBytes() > 0) {
            port.setMaxMessageBytes(method.descriptor().maxMessageBytes());
        }
        return start(method, port, call);
    }

    /**
     * Answers a call that will not run: STATUS and FIN on a bidi stream, then a stop; a uni
     * stream is stopped with its status in STREAM_STOPPED (SPEC.md §5.1, §5.5).
     */
    private static StreamListener refuse(StreamPort port, StatusCode status, String message, ErrorCode bidiStopCode) {
        if (!port.isBidirectional()) {
            ErrorCode code = bidiStopCode == ErrorCode.NO_ERROR ? ErrorCode.FAILED : bidiStopCode;
            return CallStream.refuse(port, code, status, message);
        }
        CallStream stream = new CallStream(port, true, true);
        stream.writeAndFinish(Frames.encode(port.connection().alloc(), StatusFrame.of(status, message)));
        stream.stop(bidiStopCode);
        stream.release();
        return DiscardingListener.INSTANCE;
    }

    // The handler's type follows from the descriptor's pattern, checked by ServerMethod's factories.
    @SuppressWarnings("unchecked")
    private <Req, Resp> StreamListener start(ServerMethod<Req, Resp> method, StreamPort port, CallFrame call) {
        Object handler = method.handler();
        MethodDescriptor<Req, Resp> descriptor = method.descriptor();
        return switch (descriptor.pattern()) {
            case UNARY -> begin(new UnaryServerCall<>(port, call, descriptor, handler));
            case SERVER_STREAMING ->
                begin(new ServerStreamingServerCall<>(
                        port, call, descriptor, (ServerStreamingHandler<Req, Resp>) handler));
            case CLIENT_STREAMING ->
                begin(new ClientStreamingServerCall<>(
                        port, call, descriptor, (ClientStreamingHandler<Req, Resp>) handler));
            case DUPLEX -> begin(new DuplexServerCall<>(port, call, descriptor, (DuplexHandler<Req, Resp>) handler));
            case UNORDERED ->
                begin(new UnorderedServerCall<>(port, call, descriptor, (UnorderedHandler<Req, Resp>) handler));
            case NOTIFICATIONS -> {
                NotificationsServerCall<Req> notifications =
                        new NotificationsServerCall<>(port, call, descriptor, (RequestsHandler<Req>) handler);
                notifications.begin();
                yield notifications;
            }
            case REALTIME ->
                descriptor.realtimeDelivery() == RealtimeDelivery.DATAGRAM
                        ? realtimeDatagrams.accept(port, call, descriptor, (RequestsHandler<Req>) handler)
                        : realtime.accept(port, call, descriptor, (RequestsHandler<Req>) handler);
        };
    }

    @Override
    public void acceptDatagram(CallConnection connection, ByteBuf payload) {
        realtimeDatagrams.datagram(connection, payload);
    }

    /** How many {@code @realtime} calls run on this router's connections: for tests of the bookkeeping. */
    int realtimeCallsRunning() {
        return realtime.running();
    }

    private static StreamListener begin(BidiServerCall<?, ?> call) {
        call.begin();
        return call;
    }
}
