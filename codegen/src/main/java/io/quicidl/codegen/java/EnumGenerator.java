package io.quicidl.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.EnumValue;
import javax.lang.model.element.Modifier;

/**
 * Generates an enum: one constant per value with its number, and {@code UNRECOGNIZED} for
 * numbers a newer peer sends. Codecs keep such a number in the message's unknown fields, so it
 * is written back unchanged.
 */
final class EnumGenerator {

    TypeSpec generate(EnumType type, boolean nested) {
        NameAllocator names = new NameAllocator();
        type.values().forEach(v -> names.newName(v.javaName(), v));
        names.newName("UNRECOGNIZED", "UNRECOGNIZED");
        String number = names.newName("number");
        ClassName self = JavaTypes.className(type.javaName());

        TypeSpec.Builder spec = TypeSpec.enumBuilder(self)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(Docs.javadocOr(type.doc(), CodeBlock.of("The enum {@code $L}.\n", type.fullName())));
        if (!nested) {
            spec.addAnnotation(Docs.GENERATED);
        }
        for (EnumValue value : type.values()) {
            spec.addEnumConstant(
                    value.javaName(),
                    TypeSpec.anonymousClassBuilder("$L", value.number())
                            .addJavadoc(Docs.javadocOr(
                                    value.doc(),
                                    CodeBlock.of("{@code $L = $L} in the schema.\n", value.name(), value.number())))
                            .build());
        }
        spec.addEnumConstant(
                "UNRECOGNIZED",
                TypeSpec.anonymousClassBuilder("0")
                        .addJavadoc("A number this version of the schema does not know. The codec keeps the number"
                                + " itself in the message's unknown fields, so it is written back as received.\n")
                        .build());
        spec.addField(TypeName.INT, number, Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(TypeName.INT, number)
                        .addStatement("this.$N = $N", number, number)
                        .build())
                .addMethod(MethodSpec.methodBuilder("number")
                        .addJavadoc("The number on the wire.\n\n@return the constant's number in the schema\n@throws"
                                + " IllegalStateException for {@link #UNRECOGNIZED}, which has none\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.INT)
                        .beginControlFlow("if (this == UNRECOGNIZED)")
                        .addStatement(
                                "throw new $T($S)",
                                IllegalStateException.class,
                                "UNRECOGNIZED has no number; the received one is in the message's unknown fields")
                        .endControlFlow()
                        .addStatement("return $N", number)
                        .build());
        MethodSpec.Builder fromNumber = MethodSpec.methodBuilder("fromNumber")
                .addJavadoc(
                        "The constant with this number, or {@link #UNRECOGNIZED}.\n\n@param number a number from the"
                                + " wire\n@return its constant\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(TypeName.INT, "number")
                .beginControlFlow("switch (number)");
        for (EnumValue value : type.values()) {
            fromNumber.addStatement("case $L: return $T.$N", value.number(), self, value.javaName());
        }
        fromNumber.addStatement("default: return $T.UNRECOGNIZED", self).endControlFlow();
        return spec.addMethod(fromNumber.build()).build();
    }
}
