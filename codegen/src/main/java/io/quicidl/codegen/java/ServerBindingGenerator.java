package io.quicidl.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import javax.lang.model.element.Modifier;

/**
 * Generates a service's binding: {@code bind(implementation)} returns the
 * {@link ServiceDefinition} a server routes calls to, with one {@link ServerMethod} per rpc, and
 * {@code bindAsync} does the same for the async server interface.
 */
final class ServerBindingGenerator {

    TypeSpec generate(ServiceNames names) {
        TypeSpec.Builder binding = TypeSpec.classBuilder(names.binding())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc(Docs.javadoc(names.service().doc()))
                .addJavadoc(
                        "$LServes {@link $T} implementations: pass what {@code bind} returns to the server's"
                                + " {@code addService}.\n",
                        names.service().doc().isBlank() ? "" : "<p>",
                        names.server())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .addMethod(bindMethod(
                        names,
                        "bind",
                        names.server(),
                        false,
                        "The service definition that routes each method to {@code implementation}.\n"));
        if (names.hasAsyncServer()) {
            binding.addMethod(bindMethod(
                    names,
                    "bindAsync",
                    names.asyncServer(),
                    true,
                    "The service definition that routes each method to {@code implementation}, whose"
                            + " {@code @unary} handlers run on the event loop and must not block.\n"));
        }
        return binding.build();
    }

    private static MethodSpec bindMethod(
            ServiceNames names, String name, ClassName implementation, boolean async, String doc) {
        CodeBlock.Builder body = CodeBlock.builder()
                .add(
                        "return $T.builder($T.$N)$>$>\n",
                        ServiceDefinition.class,
                        names.methods(),
                        ServiceNames.SERVICE_NAME);
        for (Rpc rpc : names.service().rpcs()) {
            boolean asyncUnary = async && ServiceNames.pattern(rpc) == Pattern.UNARY;
            body.add(
                    ".add($T.$L($T.$N, implementation::$N))\n",
                    ServerMethod.class,
                    asyncUnary ? "unaryAsync" : Handles.blockingHelper(rpc),
                    names.methods(),
                    names.constants().get(rpc),
                    rpc.javaName());
        }
        body.add(".build();\n$<$<");
        return MethodSpec.methodBuilder(name)
                .addJavadoc(doc)
                .addJavadoc("\n@param implementation the handlers, one per rpc\n@return the service definition\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ServiceDefinition.class)
                .addParameter(implementation, "implementation")
                .addCode(body.build())
                .build();
    }
}
