package io.quicidl.codegen.java;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.StatusException;
import javax.lang.model.element.Modifier;

/**
 * Generates a service's blocking client stub: per rpc, a method that calls the pattern's
 * {@link ClientCalls} helper and returns its result (the response, or the handle of the
 * running call), and an overload without {@link CallOptions}.
 */
final class BlockingClientGenerator {

    TypeSpec generate(ServiceNames names) {
        TypeSpec.Builder type = TypeSpec.classBuilder(names.client())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc(Docs.javadoc(names.service().doc()))
                .addJavadoc(
                        "<p>Blocking client of {@code $L}: one method per rpc, and an overload of each taking"
                                + " {@link $T}. Thread-safe; call it from any thread but an event loop (a virtual"
                                + " thread suits it). Failures are unchecked: a {@link $T}, or a declared error"
                                + " re-thrown typed.\n",
                        names.service().fullName(),
                        CallOptions.class,
                        StatusException.class);
        StubMembers.addChannelField(type);
        for (Rpc rpc : names.service().rpcs()) {
            TypeName returns = Handles.blockingReturn(rpc);
            CodeBlock call = CodeBlock.of(
                    "$T.$L(channel, $T.$N, $Loptions)",
                    ClientCalls.class,
                    Handles.blockingHelper(rpc),
                    names.methods(),
                    names.constants().get(rpc),
                    Handles.clientTakesRequest(rpc) ? "request, " : "");
            for (MethodSpec method :
                    StubMembers.overloads(names, rpc, returns, StubMembers.requestInput(rpc), call, true)) {
                type.addMethod(method);
            }
        }
        return type.build();
    }
}
