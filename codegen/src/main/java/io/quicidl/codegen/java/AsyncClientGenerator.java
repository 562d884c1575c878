package io.quicidl.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import io.quicidl.runtime.AsyncClientStreamCall;
import io.quicidl.runtime.AsyncDuplexCall;
import io.quicidl.runtime.AsyncNotificationSink;
import io.quicidl.runtime.AsyncRealtimeSink;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.Indexed;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javax.lang.model.element.Modifier;

/**
 * Generates a service's asynchronous client stub: each method calls the pattern's asynchronous
 * {@link ClientCalls} helper. Where the client sends one request, {@code unaryAsync} (a
 * {@link CompletableFuture}) or {@code serverStreamingPublisher} and {@code unorderedPublisher}
 * (a {@link Flow.Publisher}). Where the client streams ({@code clientStreamingAsync},
 * {@code duplexAsync}, {@code notificationsAsync}, {@code realtimeAsync}), two methods: one
 * without requests returns the call's handle, whose {@code send} never blocks; one takes the
 * requests as a {@link Flow.Publisher} and returns a future of the response or of the end of the
 * sending, or a publisher of the responses ({@code @duplex}).
 */
final class AsyncClientGenerator {

    TypeSpec generate(ServiceNames names) {
        TypeSpec.Builder type = TypeSpec.classBuilder(names.asyncClient())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc(Docs.javadoc(names.service().doc()))
                .addJavadoc(
                        "<p>Asynchronous client of {@code $L}: futures and publishers signal on the client's"
                                + " handler executor, never on an event loop; cancelling one cancels its call. Where the"
                                + " client streams, the call's handle takes the requests without blocking, or a {@link $T}"
                                + " provides them: it is subscribed before the method returns, asked for only a few"
                                + " messages ahead of what flow control lets through, and its error cancels the call."
                                + " Thread-safe.\n",
                        names.service().fullName(),
                        Flow.Publisher.class);
        StubMembers.addChannelField(type);
        for (Rpc rpc : names.service().rpcs()) {
            if (rpc.clientStreaming()) {
                addMethods(type, names, rpc, handle(rpc), List.of());
                addMethods(
                        type,
                        names,
                        rpc,
                        publisherResult(rpc),
                        List.of(ParameterSpec.builder(
                                        Handles.generic(Flow.Publisher.class, ServiceNames.request(rpc)), "requests")
                                .build()));
            } else {
                addMethods(type, names, rpc, singleRequestResult(rpc), StubMembers.requestInput(rpc));
            }
        }
        return type.build();
    }

    /** The method taking {@code inputs} and its overload without the call options. */
    private static void addMethods(
            TypeSpec.Builder type, ServiceNames names, Rpc rpc, TypeName returns, List<ParameterSpec> inputs) {
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (ParameterSpec input : inputs) {
            arguments.add("$N, ", input);
        }
        CodeBlock call = CodeBlock.of(
                "$T.$L(channel, $T.$N, $Loptions)",
                ClientCalls.class,
                helper(rpc),
                names.methods(),
                names.constants().get(rpc),
                arguments.build());
        for (MethodSpec method : StubMembers.overloads(names, rpc, returns, inputs, call, false)) {
            type.addMethod(method);
        }
    }

    private static String helper(Rpc rpc) {
        return switch (rpc.pattern()) {
            case UNARY -> "unaryAsync";
            case SERVER_STREAMING -> "serverStreamingPublisher";
            case UNORDERED -> "unorderedPublisher";
            case CLIENT_STREAMING -> "clientStreamingAsync";
            case DUPLEX -> "duplexAsync";
            case NOTIFICATIONS -> "notificationsAsync";
            case REALTIME -> "realtimeAsync";
        };
    }

    /** Where the client sends one request: a future or a publisher of the responses. */
    private static TypeName singleRequestResult(Rpc rpc) {
        TypeName response = ServiceNames.response(rpc);
        return switch (rpc.pattern()) {
            case SERVER_STREAMING -> Handles.generic(Flow.Publisher.class, response);
            case UNORDERED -> Handles.generic(Flow.Publisher.class, Handles.generic(Indexed.class, response));
            default -> Handles.generic(CompletableFuture.class, response);
        };
    }

    /** Where the client streams: the handle returned at the start of the call. */
    private static TypeName handle(Rpc rpc) {
        TypeName request = ServiceNames.request(rpc);
        return switch (rpc.pattern()) {
            case CLIENT_STREAMING -> Handles.generic(AsyncClientStreamCall.class, request, ServiceNames.response(rpc));
            case DUPLEX -> Handles.generic(AsyncDuplexCall.class, request, ServiceNames.response(rpc));
            case NOTIFICATIONS -> Handles.generic(AsyncNotificationSink.class, request);
            default -> Handles.generic(AsyncRealtimeSink.class, request);
        };
    }

    /** Where the client streams from a publisher: what the call's end is seen through. */
    private static TypeName publisherResult(Rpc rpc) {
        return switch (rpc.pattern()) {
            case CLIENT_STREAMING -> Handles.generic(CompletableFuture.class, ServiceNames.response(rpc));
            case DUPLEX -> Handles.generic(Flow.Publisher.class, ServiceNames.response(rpc));
            default -> Handles.generic(CompletableFuture.class, ClassName.get(Void.class));
        };
    }
}
