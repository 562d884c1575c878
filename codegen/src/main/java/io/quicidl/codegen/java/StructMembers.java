package io.quicidl.codegen.java;

import com.google.protobuf.ByteString;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.codegen.java.Struct.Member;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.ListRef;
import io.quicidl.idl.model.TypeRef.MapRef;
import io.quicidl.idl.model.TypeRef.MessageRef;
import io.quicidl.idl.model.TypeRef.OptionalRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The members messages and errors share: the private fields, the constructor that every
 * instance goes through, the accessors and the readable text form.
 *
 * <p>Inside, an {@code optional} field is null when absent, and a message field is null when it
 * is the default instance (so recursive messages have finite defaults, equality and text).
 */
final class StructMembers {

    private StructMembers() {}

    /** The private fields; {@code transientFields} for exceptions, which are never serialized. */
    static void addFields(TypeSpec.Builder type, Struct struct, boolean transientFields) {
        List<Modifier> modifiers = new ArrayList<>(List.of(Modifier.PRIVATE, Modifier.FINAL));
        if (transientFields) {
            modifiers.add(Modifier.TRANSIENT);
        }
        Modifier[] mods = modifiers.toArray(Modifier[]::new);
        for (Member member : struct.members()) {
            type.addField(JavaTypes.storage(member.type()), member.name(), mods);
        }
        type.addField(ByteString.class, struct.unknownFieldsName(), mods);
        FieldSpec.Builder cache = FieldSpec.builder(TypeName.INT, struct.cachedSizeName(), Modifier.PRIVATE)
                .initializer("-1");
        if (transientFields) {
            cache.addModifiers(Modifier.TRANSIENT);
        }
        type.addField(cache.build());
    }

    /** The constructor taking every field as stored, and the unknown fields; it copies and checks. */
    static MethodSpec.Builder constructor(Struct struct) {
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
        for (Member member : struct.members()) {
            constructor.addParameter(JavaTypes.storage(member.type()), member.name());
        }
        return constructor.addParameter(ByteString.class, struct.unknownFieldsName());
    }

    /** The constructor's body, after any {@code super(...)} call. */
    static CodeBlock constructorBody(Struct struct) {
        CodeBlock.Builder body = CodeBlock.builder();
        for (Member member : struct.members()) {
            body.add(copyIn(member));
        }
        return body.addStatement(
                        "this.$N = $T.requireNonNull($N, $S)",
                        struct.unknownFieldsName(),
                        Objects.class,
                        struct.unknownFieldsName(),
                        struct.unknownFieldsName())
                .build();
    }

    private static CodeBlock copyIn(Member member) {
        TypeRef t = member.type();
        String n = member.name();
        if (t instanceof ListRef) {
            return CodeBlock.of("this.$N = $T.copyOf($N);\n", n, List.class, n);
        } else if (t instanceof MapRef) {
            return CodeBlock.builder()
                    .addStatement(
                            "this.$N = $T.unmodifiableMap(new $T<>($N))", n, Collections.class, LinkedHashMap.class, n)
                    .beginControlFlow("if (this.$N.containsKey(null) || this.$N.containsValue(null))", n, n)
                    .addStatement("throw new $T($S)", NullPointerException.class, n + " holds null")
                    .endControlFlow()
                    .build();
        } else if (t instanceof MessageRef m) {
            return CodeBlock.of(
                    "this.$N = $N == null || $N.equals($T.defaultInstance()) ? null : $N;\n",
                    n,
                    n,
                    n,
                    JavaTypes.value(m),
                    n);
        } else if (t instanceof OptionalRef || JavaTypes.storage(t).isPrimitive()) {
            return CodeBlock.of("this.$N = $N;\n", n, n);
        }
        return CodeBlock.of("this.$N = $T.requireNonNull($N, $S);\n", n, Objects.class, n, n);
    }

    static void addAccessors(TypeSpec.Builder type, Struct struct) {
        for (Member member : struct.members()) {
            MethodSpec.Builder accessor = MethodSpec.methodBuilder(member.name())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(JavaTypes.accessor(member.type()))
                    .addJavadoc(Docs.javadoc(member.field().doc()));
            TypeRef t = member.type();
            if (t instanceof OptionalRef) {
                accessor.addStatement("return $T.ofNullable($N)", Optional.class, member.name());
            } else if (t instanceof MessageRef m) {
                accessor.addStatement(
                        "return $N != null ? $N : $T.defaultInstance()",
                        member.name(),
                        member.name(),
                        JavaTypes.value(m));
            } else {
                accessor.addStatement("return $N", member.name());
            }
            type.addMethod(accessor.build());
        }
        type.addMethod(MethodSpec.methodBuilder(struct.unknownFieldsName())
                .addJavadoc("Fields this version of the schema does not know, as received; encoding writes"
                        + " them back.\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(ByteString.class)
                .addStatement("return $N", struct.unknownFieldsName())
                .build());
    }

    /** {@code Name{a=1, b=x}}; absent optional and default message fields show as {@code null}. */
    static CodeBlock text(Struct struct) {
        List<CodeBlock> parts = new ArrayList<>();
        String separator = struct.javaName().simpleName() + "{";
        for (Member member : struct.members()) {
            parts.add(CodeBlock.of("$S$W+ $N", separator + member.name() + "=", member.name()));
            separator = ", ";
        }
        if (parts.isEmpty()) {
            return CodeBlock.of("$S", separator + "}");
        }
        return CodeBlock.of("$L$W+ $S", CodeBlock.join(parts, "$W+ "), "}");
    }

    /** The arguments of the constructor, from fields or locals with the members' names. */
    static CodeBlock constructorArguments(Struct struct, String unknownFields) {
        List<CodeBlock> arguments = new ArrayList<>();
        struct.members().forEach(m -> arguments.add(CodeBlock.of("$N", m.name())));
        arguments.add(CodeBlock.of("$L", unknownFields));
        return CodeBlock.join(arguments, ",$W");
    }
}
