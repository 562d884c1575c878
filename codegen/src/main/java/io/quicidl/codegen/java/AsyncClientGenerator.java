package io.quicidl.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
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
 * (a {@link Flow.Publisher}); where the client streams, the method takes the requests as a
 * {@link Flow.Publisher}: {@code clientStreamingAsync} (a future of the response),
 * {@code duplexAsync} (a publisher of the responses), {@code notificationsAsync} and
 * {@code realtimeAsync} (a future of the end of the sending).
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
                                + " client streams, the requests come from a {@link $T} that is asked for only a few"
                                + " messages ahead of what flow control lets through, and its error cancels the call."
                                + " Thread-safe.\n",
                        names.service().fullName(),
                        Flow.Publisher.class);
        StubMembers.addChannelField(type);
        for (Rpc rpc : names.service().rpcs()) {
            TypeName response = ServiceNames.response(rpc);
            String helper = switch (rpc.pattern()) {
                case UNARY -> "unaryAsync";
                case SERVER_STREAMING -> "serverStreamingPublisher";
                case UNORDERED -> "unorderedPublisher";
                case CLIENT_STREAMING -> "clientStreamingAsync";
                case DUPLEX -> "duplexAsync";
                case NOTIFICATIONS -> "notificationsAsync";
                case REALTIME -> "realtimeAsync";
            };
            TypeName returns = switch (rpc.pattern()) {
                case UNARY, CLIENT_STREAMING -> Handles.generic(CompletableFuture.class, response);
                case SERVER_STREAMING, DUPLEX -> Handles.generic(Flow.Publisher.class, response);
                case UNORDERED -> Handles.generic(Flow.Publisher.class, Handles.generic(Indexed.class, response));
                case NOTIFICATIONS, REALTIME -> Handles.generic(CompletableFuture.class, ClassName.get(Void.class));
            };
            List<ParameterSpec> inputs = rpc.clientStreaming()
                    ? List.of(ParameterSpec.builder(
                                    Handles.generic(Flow.Publisher.class, ServiceNames.request(rpc)), "requests")
                            .build())
                    : StubMembers.requestInput(rpc);
            CodeBlock call = CodeBlock.of(
                    "$T.$L(channel, $T.$N, $N, options)",
                    ClientCalls.class,
                    helper,
                    names.methods(),
                    names.constants().get(rpc),
                    inputs.get(0));
            for (MethodSpec method : StubMembers.overloads(names, rpc, returns, inputs, call, false)) {
                type.addMethod(method);
            }
        }
        return type.build();
    }
}
