package io.quicidl.codegen.java;

import com.google.protobuf.ByteString;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.codegen.java.Struct.Member;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.ListRef;
import io.quicidl.idl.model.TypeRef.MapRef;
import io.quicidl.idl.model.TypeRef.MessageRef;
import io.quicidl.idl.model.TypeRef.OptionalRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Generates a message: an immutable class with accessors ({@code Optional} for
 * {@code optional} fields, unmodifiable lists and maps), {@code equals}, {@code hashCode},
 * a readable {@code toString}, a {@code Builder} reached through {@code newBuilder()} and
 * {@code toBuilder()}, its nested types, and its codec as the constant {@code CODEC}.
 */
final class MessageGenerator {

    private final CodecGenerator codecs;
    private final EnumGenerator enums;
    private final ValueCoding coding;

    MessageGenerator(CodecGenerator codecs, EnumGenerator enums, ValueCoding coding) {
        this.codecs = codecs;
        this.enums = enums;
        this.coding = coding;
    }

    TypeSpec generate(MessageType message, boolean nested) {
        Struct struct = Struct.of(message);
        ClassName self = struct.className();
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(
                        Docs.javadocOr(message.doc(), CodeBlock.of("The message {@code $L}.\n", message.fullName())))
                .addJavadoc("\n<p>Immutable: build one with {@link #newBuilder()}, or change a copy with {@link"
                        + " #toBuilder()}.\n");
        if (nested) {
            type.addModifiers(Modifier.STATIC);
        } else {
            type.addAnnotation(Docs.GENERATED);
        }
        type.addField(FieldSpec.builder(struct.codecClass(), "CODEC", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Encodes and decodes this message in the protobuf binary wire format.\n")
                        .initializer("new $T()", struct.codecClass())
                        .build())
                .addField(FieldSpec.builder(self, "DEFAULT_INSTANCE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("new $T().build()", struct.builderClass())
                        .build());
        StructMembers.addFields(type, struct, false);
        type.addMethod(StructMembers.constructor(struct)
                        .addCode(StructMembers.constructorBody(struct))
                        .build())
                .addMethod(MethodSpec.methodBuilder("newBuilder")
                        .addJavadoc("A builder with every field at its default.\n\n@return a new builder\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(struct.builderClass())
                        .addStatement("return new $T()", struct.builderClass())
                        .build())
                .addMethod(MethodSpec.methodBuilder("defaultInstance")
                        .addJavadoc("The message with every field at its default.\n\n@return the default instance\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(self)
                        .addStatement("return DEFAULT_INSTANCE")
                        .build());
        StructMembers.addAccessors(type, struct);
        type.addMethod(MethodSpec.methodBuilder("toBuilder")
                        .addJavadoc("A builder holding this message's fields, unknown fields included.\n\n@return a new"
                                + " builder\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(struct.builderClass())
                        .addStatement("return new $T(this)", struct.builderClass())
                        .build())
                .addMethod(equalsMethod(struct))
                .addMethod(hashCodeMethod(struct))
                .addMethod(MethodSpec.methodBuilder("toString")
                        .addJavadoc("The message's name and fields; a field that is not set is left out.\n")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addCode(StructMembers.text(struct))
                        .build())
                .addType(builder(struct))
                .addType(codecs.generate(struct));
        for (NamedType nestedType : message.nestedTypes()) {
            if (nestedType instanceof MessageType m) {
                type.addType(generate(m, true));
            } else if (nestedType instanceof EnumType e) {
                type.addType(enums.generate(e, true));
            }
        }
        return type.build();
    }

    private static MethodSpec equalsMethod(Struct struct) {
        ClassName self = struct.className();
        List<CodeBlock> comparisons = new ArrayList<>();
        for (Member member : struct.members()) {
            TypeName storage = JavaTypes.storage(member.type());
            String n = member.name();
            if (storage.equals(TypeName.FLOAT)) {
                comparisons.add(CodeBlock.of("$T.compare(this.$N, that.$N) == 0", Float.class, n, n));
            } else if (storage.equals(TypeName.DOUBLE)) {
                comparisons.add(CodeBlock.of("$T.compare(this.$N, that.$N) == 0", Double.class, n, n));
            } else if (storage.isPrimitive()) {
                comparisons.add(CodeBlock.of("this.$N == that.$N", n, n));
            } else {
                comparisons.add(CodeBlock.of("$T.equals(this.$N, that.$N)", Objects.class, n, n));
            }
        }
        comparisons.add(
                CodeBlock.of("this.$N.equals(that.$N)", struct.unknownFieldsName(), struct.unknownFieldsName()));
        return MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(Object.class, "o")
                .beginControlFlow("if (o == this)")
                .addStatement("return true")
                .endControlFlow()
                .beginControlFlow("if (!(o instanceof $T))", self)
                .addStatement("return false")
                .endControlFlow()
                .addStatement("$T that = ($T) o", self, self)
                .addStatement("return $L", CodeBlock.join(comparisons, "\n&& "))
                .build();
    }

    private static MethodSpec hashCodeMethod(Struct struct) {
        List<CodeBlock> values = new ArrayList<>();
        struct.members().forEach(m -> values.add(CodeBlock.of("$N", m.name())));
        values.add(CodeBlock.of("$N", struct.unknownFieldsName()));
        return MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addStatement("return $T.hash($L)", Objects.class, CodeBlock.join(values, ",$W"))
                .build();
    }

    private TypeSpec builder(Struct struct) {
        ClassName self = struct.className();
        ClassName builder = struct.builderClass();
        TypeSpec.Builder type = TypeSpec.classBuilder(builder)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                        "Builds {@link $T}; fields not set keep their defaults. Not thread-safe. Each {@link"
                                + " #build()} copies what was set, so built messages never change.\n",
                        self);
        MethodSpec.Builder fromMessage =
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addParameter(self, "m");
        for (Member member : struct.members()) {
            TypeRef t = member.type();
            type.addField(FieldSpec.builder(JavaTypes.storage(t), member.name(), Modifier.PRIVATE)
                    .initializer(initialValue(t))
                    .build());
            if (t instanceof ListRef || t instanceof MapRef) {
                fromMessage.addStatement(
                        "this.$N = new $T<>(m.$N)",
                        member.name(),
                        t instanceof ListRef ? ArrayList.class : LinkedHashMap.class,
                        member.name());
            } else {
                fromMessage.addStatement("this.$N = m.$N", member.name(), member.name());
            }
        }
        type.addField(FieldSpec.builder(ByteString.class, struct.unknownFieldsName(), Modifier.PRIVATE)
                .initializer("$T.EMPTY", ByteString.class)
                .build());
        fromMessage.addStatement("this.$N = m.$N", struct.unknownFieldsName(), struct.unknownFieldsName());
        type.addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .addMethod(fromMessage.build());
        for (Member member : struct.members()) {
            type.addMethod(setter(builder, member));
            if (member.clearName() != null) {
                type.addMethod(MethodSpec.methodBuilder(member.clearName())
                        .addJavadoc(
                                "Unsets {@code $L}.\n\n@return this builder\n",
                                member.field().name())
                        .addModifiers(Modifier.PUBLIC)
                        .returns(builder)
                        .addStatement("this.$N = null", member.name())
                        .addStatement("return this")
                        .build());
            }
            if (member.type() instanceof ListRef l) {
                type.addMethods(BuilderElements.listMethods(builder, member, l));
            } else if (member.type() instanceof MapRef m) {
                type.addMethods(BuilderElements.mapMethods(builder, member, m));
            }
        }
        return type.addMethod(MethodSpec.methodBuilder("build")
                        .addJavadoc("The message with the fields set here.\n\n@return a new immutable message\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(self)
                        .addStatement(
                                "return new $T($L)",
                                self,
                                StructMembers.constructorArguments(struct, struct.unknownFieldsName()))
                        .build())
                .build();
    }

    private static MethodSpec setter(ClassName builder, Member member) {
        TypeRef t = member.type();
        String n = member.name();
        TypeName parameter = t instanceof OptionalRef o ? JavaTypes.value(o.element()) : JavaTypes.accessor(t);
        MethodSpec.Builder setter = MethodSpec.methodBuilder(n)
                .addJavadoc(StructMembers.fieldDoc(member))
                .addJavadoc(
                        "\n<p>$L\n\n@param $N the new value\n@return this builder\n",
                        t instanceof ListRef || t instanceof MapRef ? "Replaces what the field held." : "Sets it.",
                        n)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(parameter, n);
        if (t instanceof ListRef || t instanceof MapRef) {
            return setter.addStatement("$T.requireNonNull($N, $S)", Objects.class, n, n)
                    .addStatement("this.$N.clear()", n)
                    .addStatement("return $N($N)", member.addAllName(), n)
                    .build();
        } else if (parameter.isPrimitive()) {
            setter.addStatement("this.$N = $N", n, n);
        } else {
            setter.addStatement("this.$N = $T.requireNonNull($N, $S)", n, Objects.class, n, n);
        }
        return setter.addStatement("return this").build();
    }

    private CodeBlock initialValue(TypeRef t) {
        if (t instanceof OptionalRef || t instanceof MessageRef) {
            return CodeBlock.of("null");
        } else if (t instanceof ListRef) {
            return CodeBlock.of("new $T<>()", ArrayList.class);
        } else if (t instanceof MapRef) {
            return CodeBlock.of("new $T<>()", LinkedHashMap.class);
        }
        return coding.defaultValue(t);
    }
}
