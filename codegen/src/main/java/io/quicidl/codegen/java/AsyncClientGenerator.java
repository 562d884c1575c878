package io.quicidl.codegen.java;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.RpcPattern;
import io.quicidl.runtime.ClientCalls;
import java.util.concurrent.CompletableFuture;
import javax.lang.model.element.Modifier;

/**
 * Generates a service's asynchronous client stub. Each method calls the pattern's asynchronous
 * {@link ClientCalls} helper. The runtime has one for {@code @unary} only
 * ({@code unaryAsync}, a {@link CompletableFuture}), so the stub has the {@code @unary} rpcs;
 * streaming rpcs are on the blocking stub, whose calls start without blocking.
 */
final class AsyncClientGenerator {

    TypeSpec generate(ServiceNames names) {
        TypeSpec.Builder type = TypeSpec.classBuilder(names.asyncClient())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc(Docs.javadoc(names.service().doc()))
                .addJavadoc("<p>Asynchronous client of {@code $L}: futures complete on the client's handler"
                        + " executor, never on an event loop; cancelling one cancels its call. Thread-safe.\n",
                        names.service().fullName());
        StubMembers.addClientField(type);
        for (Rpc rpc : names.service().rpcs()) {
            if (rpc.pattern() != RpcPattern.UNARY) {
                continue;
            }
            CodeBlock call = CodeBlock.of("$T.unaryAsync(client.connection(), $T.$N, request, options)",
                    ClientCalls.class, names.methods(), names.constants().get(rpc));
            for (MethodSpec method : StubMembers.overloads(names, rpc,
                    Handles.generic(CompletableFuture.class, ServiceNames.response(rpc)), call, false)) {
                type.addMethod(method);
            }
        }
        return type.build();
    }
}
