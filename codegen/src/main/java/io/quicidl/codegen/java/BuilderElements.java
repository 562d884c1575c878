package io.quicidl.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.quicidl.codegen.java.Struct.Member;
import io.quicidl.idl.model.TypeRef.ListRef;
import io.quicidl.idl.model.TypeRef.MapRef;
import io.quicidl.runtime.BuilderCollections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The builder methods that change a list or map field one element at a time: {@code addX} and
 * {@code addAllX}, {@code putX} and {@code putAllX}. The builder holds the field in a mutable
 * collection of its own; {@code build()} copies it, so built messages stay immutable. The loops
 * over many elements are the runtime's {@link BuilderCollections}, not repeated in every builder.
 */
final class BuilderElements {

    private BuilderElements() {}

    /** {@code addX(value)} and {@code addAllX(values)}. */
    static List<MethodSpec> listMethods(ClassName builder, Member member, ListRef list) {
        TypeName element = JavaTypes.value(list.element());
        String field = member.field().name();
        MethodSpec add = MethodSpec.methodBuilder(member.addName())
                .addJavadoc(
                        "Adds one element at the end of {@code $L}.\n\n@param value the element\n@return this"
                                + " builder\n",
                        field)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(element, "value")
                .addStatement("this.$N.add($L)", member.name(), notNull(element, "value", field + " element"))
                .addStatement("return this")
                .build();
        MethodSpec addAll = MethodSpec.methodBuilder(member.addAllName())
                .addJavadoc(
                        "Adds the elements at the end of {@code $L}, in order.\n\n@param values the elements\n"
                                + "@return this builder\n",
                        field)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(ParameterizedTypeName.get(ClassName.get(Iterable.class), subtypesOf(element)), "values")
                .addStatement(
                        "$T.addAll(this.$N, values, $S)", BuilderCollections.class, member.name(), field + " element")
                .addStatement("return this")
                .build();
        return List.of(add, addAll);
    }

    /** {@code putX(key, value)} and {@code putAllX(entries)}. */
    static List<MethodSpec> mapMethods(ClassName builder, Member member, MapRef map) {
        TypeName key = JavaTypes.value(map.key());
        TypeName value = JavaTypes.value(map.value());
        String field = member.field().name();
        MethodSpec put = MethodSpec.methodBuilder(member.addName())
                .addJavadoc(
                        "Puts one entry in {@code $L}, replacing the value of a key already there.\n\n@param key the"
                                + " key\n@param value its value\n@return this builder\n",
                        field)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(key, "key")
                .addParameter(value, "value")
                .addStatement(
                        "this.$N.put($L, $L)",
                        member.name(),
                        notNull(key, "key", field + " key"),
                        notNull(value, "value", field + " value"))
                .addStatement("return this")
                .build();
        TypeName entries = ParameterizedTypeName.get(ClassName.get(Map.class), subtypesOf(key), subtypesOf(value));
        MethodSpec putAll = MethodSpec.methodBuilder(member.addAllName())
                .addJavadoc(
                        "Puts every entry of {@code entries} in {@code $L}, replacing the values of keys already"
                                + " there.\n\n@param entries the entries\n@return this builder\n",
                        field)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(entries, "entries")
                .addStatement("$T.putAll(this.$N, entries, $S)", BuilderCollections.class, member.name(), field)
                .addStatement("return this")
                .build();
        return List.of(put, putAll);
    }

    /** {@code ? extends T} of the boxed type; final classes ({@code String}) are written so too, for one shape. */
    private static TypeName subtypesOf(TypeName type) {
        return WildcardTypeName.subtypeOf(type.box());
    }

    /** The argument as stored: primitives as they are, references checked for null. */
    private static CodeBlock notNull(TypeName type, String parameter, String what) {
        if (type.isPrimitive()) {
            return CodeBlock.of("$N", parameter);
        }
        return CodeBlock.of("$T.requireNonNull($N, $S)", Objects.class, parameter, what);
    }
}
