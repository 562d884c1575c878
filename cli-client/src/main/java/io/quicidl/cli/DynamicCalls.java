package io.quicidl.cli;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.RpcModifiers;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.ResponseStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Calls any method of any pattern with messages known only at run time: the method's
 * descriptor is built from the schema, the messages are protobuf {@code DynamicMessage}s, each
 * response is printed as one line of JSON.
 */
final class DynamicCalls {
    private final Channel channel;
    private final CallOptions options;
    private final PrintStream out;

    DynamicCalls(Channel channel, CallOptions options, PrintStream out) {
        this.channel = channel;
        this.options = options;
        this.out = out;
    }

    /** The descriptor the runtime needs for {@code rpc}, with codecs over {@code types}' descriptors. */
    static MethodDescriptor<DynamicMessage, DynamicMessage> descriptor(Rpc rpc, ProtoDescriptors types) {
        Pattern pattern = Pattern.valueOf(rpc.pattern().name());
        RpcModifiers modifiers = rpc.modifiers();
        MethodDescriptor.Builder<DynamicMessage, DynamicMessage> method =
                MethodDescriptor.<DynamicMessage, DynamicMessage>builder(rpc.path(), pattern)
                        .requestCodec(
                                new DynamicCodec(message(types, rpc.request().fullName())))
                        .idempotent(modifiers.idempotent());
        rpc.response()
                .ifPresent(response -> method.responseCodec(new DynamicCodec(message(types, response.fullName()))));
        modifiers.deadlineMs().ifPresent(ms -> method.defaultDeadline(Duration.ofMillis(ms)));
        modifiers.maxMessageBytes().ifPresent(bytes -> method.maxMessageBytes((int) bytes));
        modifiers.realtimeMaxAgeMs().ifPresent(ms -> method.realtimeMaxAge(Duration.ofMillis(ms)));
        return method.build();
    }

    /**
     * Runs the call. Methods with one request take exactly one message (none means the empty
     * message); the others send all of {@code requests}, in order.
     *
     * @throws io.quicidl.runtime.StatusException when the call ends with a status other than OK
     */
    void call(
            MethodDescriptor<DynamicMessage, DynamicMessage> method,
            List<DynamicMessage> requests,
            Descriptor requestType)
            throws CliFailure {
        Pattern pattern = method.pattern();
        if (!pattern.clientStreaming()) {
            if (requests.size() > 1) {
                throw new CliFailure(
                        ExitCode.BAD_INPUT,
                        method.fullName() + " takes one request, not " + requests.size() + " (it is " + name(pattern)
                                + ")");
            }
        }
        DynamicMessage single = requests.isEmpty() ? DynamicMessage.getDefaultInstance(requestType) : requests.get(0);
        switch (pattern) {
            case UNARY -> print(ClientCalls.unary(channel, method, single, options));
            case SERVER_STREAMING -> {
                try (ResponseStream<DynamicMessage> responses =
                        ClientCalls.serverStreaming(channel, method, single, options)) {
                    responses.forEach(this::print);
                }
            }
            case UNORDERED -> {
                try (ResponseStream<Indexed<DynamicMessage>> responses =
                        ClientCalls.unordered(channel, method, single, options)) {
                    // Each response with its index, since they arrive in completion order.
                    responses.forEach(r -> out.println(
                            "{\"index\":\"" + r.index() + "\",\"value\":" + JsonMessages.write(r.value()) + "}"));
                }
            }
            case CLIENT_STREAMING -> {
                ClientStreamCall<DynamicMessage, DynamicMessage> call =
                        ClientCalls.clientStreaming(channel, method, options);
                sendAll(requests, call::send, call::cancel);
                print(call.complete());
            }
            case DUPLEX -> duplex(method, requests);
            case NOTIFICATIONS -> {
                NotificationSink<DynamicMessage> sink = ClientCalls.notifications(channel, method, options);
                sendAll(requests, sink::send, sink::cancel);
                sink.complete();
            }
            case REALTIME -> {
                RealtimeSink<DynamicMessage> sink = ClientCalls.realtime(channel, method, options);
                sendAll(requests, sink::send, sink::cancel);
                sink.complete();
            }
        }
        out.flush();
    }

    /** Requests go out from a thread of their own while responses are printed, so neither side waits on the other. */
    private void duplex(MethodDescriptor<DynamicMessage, DynamicMessage> method, List<DynamicMessage> requests) {
        try (DuplexCall<DynamicMessage, DynamicMessage> call = ClientCalls.duplex(channel, method, options)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                requests.forEach(call::send);
                call.complete();
            });
            call.forEach(this::print);
            sent.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void sendAll(List<DynamicMessage> requests, Consumer<DynamicMessage> send, Runnable cancel) {
        try {
            requests.forEach(send);
        } catch (RuntimeException e) {
            cancel.run();
            throw e;
        }
    }

    private void print(DynamicMessage message) {
        out.println(JsonMessages.write(message));
    }

    static String name(Pattern pattern) {
        return "@" + pattern.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Descriptor message(ProtoDescriptors types, String fullName) {
        return types.message(fullName).orElseThrow(() -> new IllegalStateException("no descriptor for " + fullName));
    }
}
