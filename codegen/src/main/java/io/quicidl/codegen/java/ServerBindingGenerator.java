package io.quicidl.codegen.java;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import javax.lang.model.element.Modifier;

/**
 * Generates a service's binding: {@code bind(implementation)} returns the
 * {@link ServiceDefinition} a server routes calls to, with one {@link ServerMethod} per rpc.
 */
final class ServerBindingGenerator {

    TypeSpec generate(ServiceNames names) {
        CodeBlock.Builder body = CodeBlock.builder()
                .add(
                        "return $T.builder($T.$N)$>$>\n",
                        ServiceDefinition.class,
                        names.methods(),
                        ServiceNames.SERVICE_NAME);
        for (Rpc rpc : names.service().rpcs()) {
            body.add(
                    ".add($T.$L($T.$N, implementation::$N))\n",
                    ServerMethod.class,
                    Handles.blockingHelper(rpc),
                    names.methods(),
                    names.constants().get(rpc),
                    rpc.javaName());
        }
        body.add(".build();\n$<$<");
        return TypeSpec.classBuilder(names.binding())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc("Serves {@link $T} implementations.\n", names.server())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .addMethod(MethodSpec.methodBuilder("bind")
                        .addJavadoc("The service definition that routes each method to {@code implementation}.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(ServiceDefinition.class)
                        .addParameter(names.server(), "implementation")
                        .addCode(body.build())
                        .build())
                .build();
    }
}
