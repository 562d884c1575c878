package io.quicidl.codegen.java;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.RpcPattern;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.Client;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * What the client stubs share: the {@link Channel} they call through (a {@link Client}, or an
 * in-process channel in tests), and each method's two overloads.
 */
final class StubMembers {

    private StubMembers() {}

    /** The {@code channel} field and the constructor that takes it. */
    static void addChannelField(TypeSpec.Builder type) {
        type.addField(FieldSpec.builder(Channel.class, "channel", Modifier.PRIVATE, Modifier.FINAL)
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc(
                                "A stub whose calls go over {@code channel}; closing the channel is the caller's"
                                        + " job.\n\n@param channel a {@link $T}, or an in-process channel in tests\n",
                                Client.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(Channel.class, "channel")
                        .addStatement("this.channel = $T.requireNonNull(channel, $S)", Objects.class, "channel")
                        .build());
    }

    /**
     * The stub method taking {@code inputs} and {@link CallOptions}, whose body returns
     * {@code call}, and the overload without the options that passes {@link CallOptions#DEFAULT}.
     * {@code blocking}: the blocking stub's method, which declares the rpc's errors when it throws
     * them itself ({@code @unary}); elsewhere they arrive through a handle, future or publisher.
     */
    static List<MethodSpec> overloads(
            ServiceNames names,
            Rpc rpc,
            TypeName returns,
            List<ParameterSpec> inputs,
            CodeBlock call,
            boolean blocking) {
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (ParameterSpec input : inputs) {
            arguments.add("$N, ", input);
        }
        MethodSpec.Builder withDefaults = method(rpc, returns, inputs, blocking, false)
                .addStatement("return $N($L$T.DEFAULT)", rpc.javaName(), arguments.build(), CallOptions.class);
        MethodSpec.Builder withOptions = method(rpc, returns, inputs, blocking, true)
                .addParameter(CallOptions.class, "options")
                .addStatement("return $L", call);
        return List.of(withDefaults.build(), withOptions.build());
    }

    /** The client's input of a stub method that takes the request message: {@code request}, or nothing. */
    static List<ParameterSpec> requestInput(Rpc rpc) {
        return Handles.clientTakesRequest(rpc)
                ? List.of(ParameterSpec.builder(ServiceNames.request(rpc), "request")
                        .build())
                : List.of();
    }

    private static MethodSpec.Builder method(
            Rpc rpc, TypeName returns, List<ParameterSpec> inputs, boolean blocking, boolean withOptions) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(rpc.javaName())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        blocking
                                ? RpcDocs.blockingClient(rpc, withOptions)
                                : RpcDocs.asyncClient(rpc, withOptions, inputs.isEmpty()))
                .returns(returns)
                .addParameters(inputs);
        if (blocking && rpc.pattern() == RpcPattern.UNARY) {
            method.addExceptions(Handles.errors(rpc));
        }
        return method;
    }
}
