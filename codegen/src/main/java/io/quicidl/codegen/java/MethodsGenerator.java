package io.quicidl.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.ErrorRef;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.RpcModifiers;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.RealtimeDelivery;
import java.time.Duration;
import javax.lang.model.element.Modifier;

/**
 * Generates a service's method descriptors: one {@link MethodDescriptor} constant per rpc with
 * its path, pattern, codecs, modifiers and declared errors. Clients and servers share them.
 */
final class MethodsGenerator {

    TypeSpec generate(ServiceNames names) {
        TypeSpec.Builder type = TypeSpec.classBuilder(names.methods())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc(Docs.javadoc(names.service().doc()))
                .addJavadoc(
                        "$LThe methods of {@code $L}, shared by its clients and servers.\n",
                        names.service().doc().isBlank() ? "" : "<p>",
                        names.service().fullName())
                .addField(FieldSpec.builder(
                                String.class,
                                ServiceNames.SERVICE_NAME,
                                Modifier.PUBLIC,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .addJavadoc(
                                "The service's full name, {@code $L}.\n",
                                names.service().fullName())
                        .initializer("$S", names.service().fullName())
                        .build());
        for (Rpc rpc : names.service().rpcs()) {
            type.addField(descriptor(names, rpc));
        }
        return type.addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .build();
    }

    private static FieldSpec descriptor(ServiceNames names, Rpc rpc) {
        TypeName request = ServiceNames.request(rpc);
        TypeName response = ServiceNames.response(rpc);
        CodeBlock.Builder init = CodeBlock.builder()
                .add(
                        "$T.<$T, $T>builder($S, $T.$L)$>$>\n",
                        MethodDescriptor.class,
                        request,
                        response,
                        rpc.path(),
                        Pattern.class,
                        ServiceNames.pattern(rpc).name())
                .add(".requestCodec($T.CODEC)\n", request);
        if (rpc.response().isPresent()) {
            init.add(".responseCodec($T.CODEC)\n", response);
        }
        RpcModifiers modifiers = rpc.modifiers();
        if (modifiers.idempotent()) {
            init.add(".idempotent(true)\n");
        }
        modifiers.deadlineMs().ifPresent(ms -> init.add(".defaultDeadline($T.ofMillis($LL))\n", Duration.class, ms));
        modifiers
                .maxMessageBytes()
                .ifPresent(bytes -> init.add(".maxMessageBytes($L)\n", (int) Math.min(bytes, Integer.MAX_VALUE)));
        modifiers
                .realtimeMaxAgeMs()
                .ifPresent(ms -> init.add(".realtimeMaxAge($T.ofMillis($LL))\n", Duration.class, ms));
        if (modifiers.realtimeDelivery() == io.quicidl.idl.model.RealtimeDelivery.DATAGRAM) {
            init.add(".realtimeDelivery($T.DATAGRAM)\n", RealtimeDelivery.class);
        }
        for (ErrorRef error : rpc.errors()) {
            init.add(".addErrorType($T.ERROR_TYPE)\n", JavaTypes.className(error.javaName()));
        }
        init.add(".build()$<$<");
        return FieldSpec.builder(
                        ParameterizedTypeName.get(ClassName.get(MethodDescriptor.class), request, response),
                        names.constants().get(rpc),
                        Modifier.PUBLIC,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc(RpcDocs.descriptor(rpc))
                .initializer(init.build())
                .build();
    }
}
