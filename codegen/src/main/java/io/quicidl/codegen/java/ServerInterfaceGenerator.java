package io.quicidl.codegen.java;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import io.quicidl.runtime.Pattern;
import java.util.concurrent.CompletionStage;
import javax.lang.model.element.Modifier;

/**
 * Generates a service's server interfaces: one handler method per rpc, with the signature of the
 * runtime's handler for its pattern; rpcs with {@code throws} declare their exceptions. The
 * blocking interface's handlers run off the event loop and may block. The async interface differs
 * only for {@code @unary}: its handlers return a {@link CompletionStage}, must not block, and run
 * on the event loop without a thread hand-off.
 */
final class ServerInterfaceGenerator {

    TypeSpec generate(ServiceNames names) {
        return generate(names, false);
    }

    TypeSpec generateAsync(ServiceNames names) {
        return generate(names, true);
    }

    private TypeSpec generate(ServiceNames names, boolean async) {
        TypeSpec.Builder type = TypeSpec.interfaceBuilder(async ? names.asyncServer() : names.server())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc(Docs.javadoc(names.service().doc()));
        if (async) {
            type.addJavadoc(
                    "<p>{@link $T} with non-blocking {@code @unary} handlers: serve it with {@link $T#bindAsync}."
                            + " They run on the connection's event loop, with no thread hand-off, and return a stage"
                            + " that completes with the response (or fails) later, on any thread. A unary handler"
                            + " that blocks stalls every call of its connection; the other handlers may block, as"
                            + " in {@link $T}.\n",
                    names.server(),
                    names.binding(),
                    names.server());
        } else {
            type.addJavadoc(
                    "<p>Implement it and serve it with {@link $T#bind}. Handlers may block: they run on the"
                            + " server's handler executor, never on an event loop.\n",
                    names.binding());
        }
        for (Rpc rpc : names.service().rpcs()) {
            boolean asyncUnary = async && ServiceNames.pattern(rpc) == Pattern.UNARY;
            TypeName returns = Handles.handlerReturn(rpc);
            type.addMethod(MethodSpec.methodBuilder(rpc.javaName())
                    .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .addJavadoc(RpcDocs.handler(rpc, asyncUnary))
                    .addParameters(Handles.handlerParameters(rpc))
                    .returns(asyncUnary ? Handles.generic(CompletionStage.class, returns) : returns)
                    .addExceptions(Handles.errors(rpc))
                    .build());
        }
        return type.build();
    }
}
