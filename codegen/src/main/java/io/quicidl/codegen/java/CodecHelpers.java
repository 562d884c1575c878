package io.quicidl.codegen.java;

import com.google.protobuf.InvalidProtocolBufferException;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.EnumRef;
import io.quicidl.idl.model.TypeRef.MapRef;
import io.quicidl.idl.model.TypeRef.ScalarRef;
import java.io.IOException;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The private static helpers a generated codec may need besides its four methods: sizes of
 * packed lists and map entries, reading one map entry, and the size
 * of a length-delimited value. {@link CodecGenerator} names them and adds those it uses.
 */
final class CodecHelpers {

    private final ValueCoding coding;

    CodecHelpers(ValueCoding coding) {
        this.coding = coding;
    }

    /** {@code int name(int n)}: {@code n} bytes with their length prefix. */
    MethodSpec lengthDelimitedSize(String name) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.INT)
                .addParameter(TypeName.INT, "n")
                .addStatement("return $T.computeUInt32SizeNoTag(n) + n", ValueCoding.OUTPUT)
                .build();
    }

    /** {@code int name(List<T> values)}: the bytes of a packed list's elements. */
    MethodSpec packedSize(String name, TypeRef element) {
        TypeName list = ParameterizedTypeName.get(
                ClassName.get(List.class), JavaTypes.value(element).box());
        MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.INT)
                .addParameter(list, "values");
        int fixed = element instanceof ScalarRef s ? Scalars.fixedSize(s.scalar()) : 0;
        if (fixed > 0) {
            helper.addStatement("return values.size() * $L", fixed);
        } else {
            helper.addStatement("int size = 0").beginControlFlow("for ($T value : values)", JavaTypes.value(element));
            if (element instanceof EnumRef e) {
                helper.beginControlFlow("if (value != $T.UNRECOGNIZED)", JavaTypes.value(e))
                        .addStatement("size += $L", coding.sizeNoTag(element, CodeBlock.of("value")))
                        .endControlFlow();
            } else {
                helper.addStatement("size += $L", coding.sizeNoTag(element, CodeBlock.of("value")));
            }
            helper.endControlFlow().addStatement("return size");
        }
        return helper.build();
    }

    /** {@code int name(K key, V value)}: the size of a map entry message; key and value are always written. */
    MethodSpec entrySize(String name, MapRef map) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.INT)
                .addParameter(JavaTypes.value(map.key()), "key")
                .addParameter(JavaTypes.value(map.value()), "value")
                .addStatement(
                        "return $L + $L",
                        coding.sizeWithTag(map.key(), 1, CodeBlock.of("key")),
                        coding.sizeWithTag(map.value(), 2, CodeBlock.of("value")))
                .build();
    }

    /**
     * A helper that reads one map entry's fields until the end of {@code in} and puts it.
     * For enum values it returns whether the value's number was known.
     */
    MethodSpec entryReader(String name, MapRef map) {
        boolean enumValue = map.value() instanceof EnumRef;
        boolean messageValue = ValueCoding.isMessage(map.value());
        MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(enumValue ? TypeName.BOOLEAN : TypeName.VOID)
                .addParameter(CodecGenerator.INPUT, "in")
                .addParameter(JavaTypes.storage(map), "into")
                .addException(IOException.class);
        if (messageValue) {
            helper.addParameter(TypeName.INT, "depth");
        }
        helper.addStatement("$T key = $L", JavaTypes.value(map.key()), coding.entryDefault(map.key()));
        if (enumValue) {
            helper.addStatement("int raw = 0");
        } else {
            helper.addStatement("$T value = $L", JavaTypes.value(map.value()), coding.entryDefault(map.value()));
        }
        helper.beginControlFlow("for (int tag = in.readTag(); tag != 0; tag = in.readTag())")
                .beginControlFlow("switch (tag)")
                .addCode(CodecReadCases.arm(
                        ValueCoding.tag(1, ValueCoding.wireType(map.key())), coding.read(map.key(), "key = $L"), true))
                .addCode(CodecReadCases.arm(
                        ValueCoding.tag(2, ValueCoding.wireType(map.value())),
                        enumValue ? CodeBlock.of("raw = in.readEnum();\n") : coding.read(map.value(), "value = $L"),
                        !ValueCoding.isMessage(map.value())))
                .addCode("default -> {\n$>")
                .beginControlFlow("if (!in.skipField(tag))")
                .addStatement("throw new $T($S)", InvalidProtocolBufferException.class, "unexpected end-group tag")
                .endControlFlow()
                .addCode("$<}\n")
                .endControlFlow()
                .endControlFlow();
        if (enumValue) {
            TypeName e = JavaTypes.value(map.value());
            helper.addStatement("into.put(key, $T.fromNumber(raw))", e)
                    .addStatement("return $T.fromNumber(raw) != $T.UNRECOGNIZED", e, e);
        } else {
            helper.addStatement("into.put(key, value)");
        }
        return helper.build();
    }
}
