package io.quicidl.codegen.java;

import com.google.protobuf.ByteString;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.codegen.java.Struct.Member;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.TypeRef.OptionalRef;
import io.quicidl.runtime.DeclaredError;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates the exception of an {@code error}: it extends {@link DeclaredError}, carries the
 * error's fields, names its {@link io.quicidl.runtime.ErrorType} in {@code ERROR_TYPE} (which
 * method descriptors list, so clients re-throw it typed) and has its codec as {@code CODEC}.
 */
final class ErrorGenerator {

    private final CodecGenerator codecs;

    ErrorGenerator(CodecGenerator codecs) {
        this.codecs = codecs;
    }

    TypeSpec generate(ErrorType error) {
        Struct struct = Struct.of(error);
        ClassName self = struct.className();
        ClassName errorType = ClassName.get(io.quicidl.runtime.ErrorType.class);
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(DeclaredError.class)
                .addAnnotation(Docs.GENERATED)
                .addJavadoc(
                        Docs.javadocOr(error.doc(), CodeBlock.of("The declared error {@code $L}.\n", error.fullName())))
                .addJavadoc(
                        "\n<p>A server handler throws it to end a call of an rpc that declares it in {@code throws};"
                                + " the client re-throws it as this class (the rpc's Javadoc says where). It is"
                                + " unchecked, like {@link $T}: declared errors also arrive through iterators,"
                                + " futures and publishers, which cannot carry checked exceptions, so a checked one"
                                + " would be checked on some calls only. Blocking {@code @unary} stub methods list it"
                                + " in their {@code throws} clause so that IDEs show it.\n",
                        DeclaredError.class)
                .addField(FieldSpec.builder(
                                long.class, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("1L")
                        .build())
                .addField(FieldSpec.builder(
                                struct.codecClass(), "CODEC", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Encodes and decodes this error's fields in the protobuf binary wire format.\n")
                        .initializer("new $T()", struct.codecClass())
                        .build())
                .addField(FieldSpec.builder(
                                ParameterizedTypeName.get(errorType, self),
                                "ERROR_TYPE",
                                Modifier.PUBLIC,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .addJavadoc("The schema type {@code $L}, for method descriptors.\n", error.fullName())
                        .initializer("$T.of($S, $T.class, CODEC)", errorType, error.fullName(), self)
                        .build());
        StructMembers.addFields(type, struct, true);

        MethodSpec.Builder publicConstructor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The error with these fields, to throw from a handler.\n");
        if (!struct.members().isEmpty()) {
            publicConstructor.addJavadoc("\n");
        }
        List<CodeBlock> arguments = new ArrayList<>();
        for (Member member : struct.members()) {
            publicConstructor.addJavadoc("@param $N $L", member.name(), StructMembers.fieldDoc(member));
            publicConstructor.addParameter(JavaTypes.accessor(member.type()), member.name());
            arguments.add(
                    member.type() instanceof OptionalRef
                            ? CodeBlock.of("$N.orElse(null)", member.name())
                            : CodeBlock.of("$N", member.name()));
        }
        arguments.add(CodeBlock.of("$T.EMPTY", ByteString.class));
        type.addMethod(publicConstructor
                        .addStatement("this($L)", CodeBlock.join(arguments, ",$W"))
                        .build())
                .addMethod(StructMembers.constructor(struct)
                        .addStatement("super($S)", error.fullName())
                        .addCode(StructMembers.constructorBody(struct))
                        .build());
        StructMembers.addAccessors(type, struct);
        return type.addMethod(MethodSpec.methodBuilder("errorType")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(errorType, self))
                        .addStatement("return ERROR_TYPE")
                        .build())
                .addMethod(MethodSpec.methodBuilder("getMessage")
                        .addJavadoc("The error and its fields, e.g. {@code RoomNotFound{room=lobby}}.\n\n@return the"
                                + " error's name and fields\n")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addCode(StructMembers.text(struct))
                        .build())
                .addType(codecs.generate(struct))
                .build();
    }
}
