package io.quicidl.codegen.java;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/** What the client stubs share: the {@link Client} they call through, and each method's two overloads. */
final class StubMembers {

    private StubMembers() {}

    /** The {@code client} field and the constructor that takes it. */
    static void addClientField(TypeSpec.Builder type) {
        type.addField(FieldSpec.builder(Client.class, "client", Modifier.PRIVATE, Modifier.FINAL).build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("Calls go over {@code client}'s connection; closing the client is the caller's"
                                + " job.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(Client.class, "client")
                        .addStatement("this.client = $T.requireNonNull(client, $S)", Objects.class, "client")
                        .build());
    }

    /**
     * The stub method with {@link CallOptions}, whose body returns {@code call}, and the
     * overload without them that passes {@link CallOptions#DEFAULT}. {@code throwsErrors}: the
     * method declares the rpc's errors (a future carries them instead).
     */
    static List<MethodSpec> overloads(
            ServiceNames names, Rpc rpc, TypeName returns, CodeBlock call, boolean throwsErrors) {
        MethodSpec.Builder withDefaults = method(names, rpc, returns, throwsErrors)
                .addStatement("return $N($L$T.DEFAULT)", rpc.javaName(),
                        Handles.clientTakesRequest(rpc) ? "request, " : "", CallOptions.class);
        MethodSpec.Builder withOptions = method(names, rpc, returns, throwsErrors)
                .addParameter(CallOptions.class, "options")
                .addStatement("return $L", call);
        return List.of(withDefaults.build(), withOptions.build());
    }

    private static MethodSpec.Builder method(ServiceNames names, Rpc rpc, TypeName returns, boolean throwsErrors) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(rpc.javaName())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(Docs.javadoc(rpc.doc()))
                .addJavadoc("$L{@code @$L}, see {@link $T#$L}.\n", rpc.doc().isBlank() ? "" : "\n<p>", rpc.pattern().annotationName(), names.methods(),
                        names.constants().get(rpc))
                .returns(returns);
        if (throwsErrors) {
            method.addExceptions(Handles.errors(rpc));
        }
        if (Handles.clientTakesRequest(rpc)) {
            method.addParameter(ServiceNames.request(rpc), "request");
        }
        return method;
    }
}
