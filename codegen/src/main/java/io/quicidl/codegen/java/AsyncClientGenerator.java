package io.quicidl.codegen.java;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.Indexed;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javax.lang.model.element.Modifier;

/**
 * Generates a service's asynchronous client stub: each method calls the pattern's asynchronous
 * {@link ClientCalls} helper, {@code unaryAsync} (a {@link CompletableFuture}) or
 * {@code serverStreamingPublisher} and {@code unorderedPublisher} (a {@link Flow.Publisher}).
 * The runtime has no asynchronous helper for the patterns where the client streams
 * ({@code @client_streaming}, {@code @duplex}, {@code @notifications}, {@code @realtime}):
 * those rpcs are on the blocking stub only, whose calls start without blocking.
 */
final class AsyncClientGenerator {

    TypeSpec generate(ServiceNames names) {
        TypeSpec.Builder type = TypeSpec.classBuilder(names.asyncClient())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc(Docs.javadoc(names.service().doc()))
                .addJavadoc("<p>Asynchronous client of {@code $L}: futures and publishers signal on the client's"
                        + " handler executor, never on an event loop; cancelling one cancels its call. Rpcs where the"
                        + " client streams are on {@link $T}. Thread-safe.\n", names.service().fullName(), names.client());
        StubMembers.addClientField(type);
        for (Rpc rpc : names.service().rpcs()) {
            TypeName response = ServiceNames.response(rpc);
            String helper;
            TypeName returns;
            switch (rpc.pattern()) {
                case UNARY -> {
                    helper = "unaryAsync";
                    returns = Handles.generic(CompletableFuture.class, response);
                }
                case SERVER_STREAMING -> {
                    helper = "serverStreamingPublisher";
                    returns = Handles.generic(Flow.Publisher.class, response);
                }
                case UNORDERED -> {
                    helper = "unorderedPublisher";
                    returns = Handles.generic(Flow.Publisher.class, Handles.generic(Indexed.class, response));
                }
                default -> {
                    continue;
                }
            }
            CodeBlock call = CodeBlock.of("$T.$L(client.connection(), $T.$N, request, options)",
                    ClientCalls.class, helper, names.methods(), names.constants().get(rpc));
            for (MethodSpec method : StubMembers.overloads(names, rpc, returns, call, false)) {
                type.addMethod(method);
            }
        }
        return type.build();
    }
}
