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
import java.util.StringJoiner;
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

    /** Per field its accessor, and {@code hasX()} where the field can be unset; then {@code unknownFields()}. */
    static void addAccessors(TypeSpec.Builder type, Struct struct) {
        for (Member member : struct.members()) {
            MethodSpec.Builder accessor = MethodSpec.methodBuilder(member.name())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(JavaTypes.accessor(member.type()))
                    .addJavadoc(fieldDoc(member))
                    .addJavadoc(valueNote(member))
                    .addJavadoc("\n@return the field's value\n");
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
            if (member.hasName() != null) {
                type.addMethod(MethodSpec.methodBuilder(member.hasName())
                        .addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.BOOLEAN)
                        .addJavadoc(hasDoc(member))
                        .addStatement("return $N != null", member.name())
                        .build());
            }
        }
        type.addMethod(MethodSpec.methodBuilder(struct.unknownFieldsName())
                .addJavadoc("Fields this version of the schema does not know, as received; encoding writes"
                        + " them back.\n\n@return the unknown fields in the protobuf binary wire format, empty"
                        + " when none\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(ByteString.class)
                .addStatement("return $N", struct.unknownFieldsName())
                .build());
    }

    /** The field's doc comment, or a sentence naming it and its number. */
    static CodeBlock fieldDoc(Member member) {
        return Docs.javadocOr(
                member.field().doc(),
                CodeBlock.of(
                        "The field {@code $L = $L}.\n",
                        member.field().name(),
                        member.field().number()));
    }

    /** What the accessor returns when the field is empty or unset. */
    private static CodeBlock valueNote(Member member) {
        TypeRef t = member.type();
        if (t instanceof OptionalRef) {
            return CodeBlock.of("\n<p>Empty when the field is absent.\n");
        } else if (t instanceof MessageRef) {
            return CodeBlock.of(
                    "\n<p>Never null: the default instance when the field is unset, which {@link #$N()} tells"
                            + " apart.\n",
                    member.hasName());
        } else if (t instanceof ListRef) {
            return CodeBlock.of("\n<p>Unmodifiable; empty by default.\n");
        } else if (t instanceof MapRef) {
            return CodeBlock.of("\n<p>Unmodifiable; empty by default. Iterates in the order the entries came.\n");
        }
        return CodeBlock.of("");
    }

    private static CodeBlock hasDoc(Member member) {
        String field = member.field().name();
        if (member.type() instanceof OptionalRef) {
            return CodeBlock.of(
                    "Whether the optional field {@code $L} holds a value.\n\n@return whether {@link #$N()} is not"
                            + " empty\n",
                    field,
                    member.name());
        }
        return CodeBlock.of(
                "Whether the message field {@code $L} is set to a message other than the default instance. Setting"
                        + " the default instance is the same as leaving it unset: neither is written on the wire.\n"
                        + "\n@return whether {@link #$N()} returns something else than the default instance\n",
                field,
                member.name());
    }

    /**
     * The statements of {@code toString} (and of an error's {@code getMessage}): {@code Name{a=1,
     * b=x}}, each field with its value (an {@code optional} one without {@code Optional[]}); a
     * field whose {@code hasX()} is false is left out, as protobuf's text format does, so nothing
     * prints {@code null} where an accessor returns a value, and the text of recursive messages is
     * finite.
     */
    static CodeBlock text(Struct struct) {
        String name = struct.javaName().simpleName();
        if (struct.members().isEmpty()) {
            return CodeBlock.of("return $S;\n", name + "{}");
        }
        CodeBlock.Builder code = CodeBlock.builder()
                .addStatement(
                        "$T text = new $T($S, $S, $S)", StringJoiner.class, StringJoiner.class, ", ", name + "{", "}");
        for (Member member : struct.members()) {
            if (member.hasName() != null) {
                code.beginControlFlow("if (this.$N != null)", member.name())
                        .addStatement("text.add($S + this.$N)", member.name() + "=", member.name())
                        .endControlFlow();
            } else {
                code.addStatement("text.add($S + this.$N)", member.name() + "=", member.name());
            }
        }
        return code.addStatement("return text.toString()").build();
    }

    /** The arguments of the constructor, from fields or locals with the members' names. */
    static CodeBlock constructorArguments(Struct struct, String unknownFields) {
        List<CodeBlock> arguments = new ArrayList<>();
        struct.members().forEach(m -> arguments.add(CodeBlock.of("$N", m.name())));
        arguments.add(CodeBlock.of("$L", unknownFields));
        return CodeBlock.join(arguments, ",$W");
    }
}
