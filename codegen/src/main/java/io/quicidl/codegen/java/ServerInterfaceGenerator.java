package io.quicidl.codegen.java;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.Rpc;
import javax.lang.model.element.Modifier;

/**
 * Generates a service's server interface: one blocking handler method per rpc, with the
 * signature of the runtime's handler for its pattern. The runtime runs handlers off the event
 * loop; rpcs with {@code throws} declare their exceptions.
 */
final class ServerInterfaceGenerator {

    TypeSpec generate(ServiceNames names) {
        TypeSpec.Builder type = TypeSpec.interfaceBuilder(names.server())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc(Docs.javadoc(names.service().doc()))
                .addJavadoc(
                        "<p>Implement it and serve it with {@link $T#bind}. Handlers may block: they run on the"
                                + " server's handler executor, never on an event loop.\n",
                        names.binding());
        for (Rpc rpc : names.service().rpcs()) {
            type.addMethod(MethodSpec.methodBuilder(rpc.javaName())
                    .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .addJavadoc(Docs.javadoc(rpc.doc()))
                    .addJavadoc(
                            "$L{@code @$L}, see {@link $T#$L}.\n",
                            rpc.doc().isBlank() ? "" : "\n<p>",
                            rpc.pattern().annotationName(),
                            names.methods(),
                            names.constants().get(rpc))
                    .addParameters(Handles.handlerParameters(rpc))
                    .returns(Handles.handlerReturn(rpc))
                    .addExceptions(Handles.errors(rpc))
                    .build());
        }
        return type.build();
    }
}
