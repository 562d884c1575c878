package io.quicidl.codegen.java;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.quicidl.codegen.java.Struct.Member;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.EnumRef;
import io.quicidl.idl.model.TypeRef.ListRef;
import io.quicidl.idl.model.TypeRef.MapRef;
import io.quicidl.idl.model.TypeRef.MessageRef;
import io.quicidl.idl.model.TypeRef.OptionalRef;
import io.quicidl.idl.model.TypeRef.ScalarRef;
import io.quicidl.runtime.MessageCodec;
import io.quicidl.runtime.UnknownFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Generates the codec of a message or error: a nested class implementing {@link MessageCodec}
 * in the protobuf binary wire format (SPEC.md §8). Fields are written in field-number order,
 * defaults are skipped, lists of numbers are packed (and read packed or not), maps are
 * repeated entry messages, unknown fields are kept and written back after the known ones.
 *
 * <p>Decoding never trusts a length: the input stream checks every length against the bytes
 * it has before allocating, and nesting deeper than {@code MAX_DEPTH} is an error, so garbage
 * input fails with an {@link IOException} and nothing else.
 */
final class CodecGenerator {

    static final ClassName INPUT = ClassName.get(CodedInputStream.class);
    private static final int MAX_DEPTH = 100;

    private final ValueCoding coding;
    private final CodecHelpers helperCode;

    CodecGenerator(Schema schema) {
        this.coding = new ValueCoding(schema);
        this.helperCode = new CodecHelpers(coding);
    }

    TypeSpec generate(Struct struct) {
        return new Generation(struct).build();
    }

    /** The state of generating one codec: its helper methods, named without clashes. */
    private final class Generation {
        private final Struct struct;
        private final ClassName type;
        private final NameAllocator helperNames = new NameAllocator();
        private final List<MethodSpec> helpers = new ArrayList<>();
        private final List<Member> byNumber;
        private final Map<Member, String> locals = new HashMap<>();
        /** Singular enum fields: the local holding the last value's number while it is unrecognized. */
        private final Map<Member, String> unrecognizedLocals = new HashMap<>();

        private final CodecReadCases readCases;

        Generation(Struct struct) {
            this.struct = struct;
            this.type = struct.className();
            this.byNumber = struct.members().stream()
                    .sorted((a, b) -> Integer.compare(a.number(), b.number()))
                    .toList();
            List.of("encodedSize", "computeSize", "encode", "decode", "lengthDelimitedSize")
                    .forEach(helperNames::newName);
            NameAllocator localNames = new NameAllocator();
            List.of("in", "depth", "tag", "limit", "raw", "entry", "unknown").forEach(localNames::newName);
            struct.members().forEach(m -> locals.put(m, localNames.newName(m.name())));
            for (Member member : struct.members()) {
                if (!(member.type() instanceof ListRef) && element(member.type()) instanceof EnumRef) {
                    unrecognizedLocals.put(member, localNames.newName(member.name() + "Unrecognized"));
                }
            }
            this.readCases = new CodecReadCases(coding, helperCode, helperNames, helpers, locals, unrecognizedLocals);
        }

        TypeSpec build() {
            TypeSpec.Builder codec = TypeSpec.classBuilder(struct.codecName())
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addSuperinterface(ParameterizedTypeName.get(ClassName.get(MessageCodec.class), type))
                    .addJavadoc("Encodes and decodes {@link $T} in the protobuf binary wire format.\n", type)
                    .addField(com.palantir.javapoet.FieldSpec.builder(
                                    TypeName.INT, "MAX_DEPTH", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                            .initializer("$L", MAX_DEPTH)
                            .build())
                    .addMethod(MethodSpec.constructorBuilder()
                            .addModifiers(Modifier.PRIVATE)
                            .build())
                    .addMethod(encodedSize())
                    .addMethod(computeSize())
                    .addMethod(encode())
                    .addMethod(decodeTopLevel())
                    .addMethod(decode());
            if (usesMessages()) {
                codec.addMethod(helperCode.lengthDelimitedSize("lengthDelimitedSize"));
            }
            helpers.forEach(codec::addMethod);
            return codec.build();
        }

        private boolean usesMessages() {
            return struct.members().stream().map(m -> element(m.type())).anyMatch(ValueCoding::isMessage)
                    || struct.members().stream()
                            .anyMatch(m -> m.type() instanceof MapRef map && ValueCoding.isMessage(map.value()));
        }

        private MethodSpec encodedSize() {
            String cache = struct.cachedSizeName();
            return MethodSpec.methodBuilder("encodedSize")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.INT)
                    .addParameter(type, "m")
                    .addStatement("int size = m.$N", cache)
                    .beginControlFlow("if (size < 0)")
                    .addStatement("size = computeSize(m)")
                    .addComment("Immutable message: racing threads compute the same size.")
                    .addStatement("m.$N = size", cache)
                    .endControlFlow()
                    .addStatement("return size")
                    .build();
        }

        private MethodSpec computeSize() {
            MethodSpec.Builder method = MethodSpec.methodBuilder("computeSize")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(TypeName.INT)
                    .addParameter(type, "m")
                    .addStatement("int size = 0");
            for (Member member : byNumber) {
                method.addCode(sizeOf(member));
            }
            return method.addStatement("return size + m.$N.size()", struct.unknownFieldsName())
                    .build();
        }

        private MethodSpec encode() {
            MethodSpec.Builder method = MethodSpec.methodBuilder("encode")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(type, "m")
                    .addParameter(ValueCoding.OUTPUT, "out")
                    .addException(IOException.class);
            for (Member member : byNumber) {
                method.addCode(write(member));
            }
            return method.addStatement("out.writeRawBytes(m.$N)", struct.unknownFieldsName())
                    .build();
        }

        private MethodSpec decodeTopLevel() {
            return MethodSpec.methodBuilder("decode")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(type)
                    .addParameter(INPUT, "in")
                    .addException(IOException.class)
                    .addStatement("return decode(in, 0)")
                    .build();
        }

        private MethodSpec decode() {
            MethodSpec.Builder method = MethodSpec.methodBuilder("decode")
                    .addJavadoc("Decodes a message nested {@code depth} levels deep in another; deeper than"
                            + " {@value MAX_DEPTH} is an error.\n\n@param in the encoded message\n@param depth how"
                            + " many messages enclose it\n@return the message\n@throws IOException when the"
                            + " bytes are not a valid encoding of it\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(type)
                    .addParameter(INPUT, "in")
                    .addParameter(TypeName.INT, "depth")
                    .addException(IOException.class)
                    .beginControlFlow("if (depth > MAX_DEPTH)")
                    .addStatement(
                            "throw new $T($S)",
                            InvalidProtocolBufferException.class,
                            "messages nested more than " + MAX_DEPTH + " deep")
                    .endControlFlow();
            for (Member member : struct.members()) {
                method.addStatement(
                        "$T $N = $L", localType(member.type()), locals.get(member), initialValue(member.type()));
            }
            for (Member member : byNumber) {
                String unrecognized = unrecognizedLocals.get(member);
                if (unrecognized != null) {
                    method.addStatement("$T $N = null", Integer.class, unrecognized);
                }
            }
            method.addStatement("$T unknown = null", UnknownFields.class)
                    .beginControlFlow("for (int tag = in.readTag(); tag != 0; tag = in.readTag())")
                    .beginControlFlow("switch (tag)");
            for (Member member : byNumber) {
                method.addCode(readCases.readCases(member));
            }
            method.addCode("default -> ")
                    .addStatement("unknown = $T.keep(unknown, in, tag)", UnknownFields.class)
                    .endControlFlow()
                    .endControlFlow();
            // Only the last value of a singular field counts (protobuf's rule): its number is kept
            // as an unknown field only if it is unrecognized, so that a re-encoded message cannot
            // put an earlier unrecognized number after a recognized value and change the field.
            for (Member member : byNumber) {
                String unrecognized = unrecognizedLocals.get(member);
                if (unrecognized != null) {
                    method.beginControlFlow("if ($N != null)", unrecognized)
                            .addStatement(
                                    "unknown = $T.keepEnum(unknown, $L, $N)",
                                    UnknownFields.class,
                                    member.number(),
                                    unrecognized)
                            .endControlFlow();
                }
            }
            List<CodeBlock> arguments = new ArrayList<>();
            struct.members().forEach(m -> arguments.add(CodeBlock.of("$N", locals.get(m))));
            arguments.add(CodeBlock.of("$T.toByteString(unknown)", UnknownFields.class));
            return method.addStatement("return new $T($L)", type, CodeBlock.join(arguments, ",$W"))
                    .build();
        }

        // ---- sizes ----

        private CodeBlock sizeOf(Member member) {
            TypeRef t = member.type();
            CodeBlock value = CodeBlock.of("m.$N", member.name());
            CodeBlock.Builder code = CodeBlock.builder();
            if (t instanceof ListRef list && ValueCoding.isPackable(list.element())) {
                return code.add("{\n$>")
                        .addStatement("int data = $N(m.$N)", packedSizeHelper(member, list.element()), member.name())
                        .beginControlFlow("if (data > 0)")
                        .addStatement(
                                "size += $T.computeTagSize($L) + $T.computeUInt32SizeNoTag(data) + data",
                                ValueCoding.OUTPUT,
                                member.number(),
                                ValueCoding.OUTPUT)
                        .endControlFlow()
                        .add("$<}\n")
                        .build();
            } else if (t instanceof ListRef list) {
                return code.beginControlFlow("for ($T value : m.$N)", JavaTypes.value(list.element()), member.name())
                        .addStatement(
                                "size += $L",
                                coding.sizeWithTag(list.element(), member.number(), CodeBlock.of("value")))
                        .endControlFlow()
                        .build();
            } else if (t instanceof MapRef map) {
                return code.beginControlFlow("for ($T entry : m.$N.entrySet())", entryType(map), member.name())
                        .add(skipUnrecognizedEntry(map))
                        .addStatement("int n = $N(entry.getKey(), entry.getValue())", entrySizeHelper(member, map))
                        .addStatement(
                                "size += $T.computeTagSize($L) + $T.computeUInt32SizeNoTag(n) + n",
                                ValueCoding.OUTPUT,
                                member.number(),
                                ValueCoding.OUTPUT)
                        .endControlFlow()
                        .build();
            }
            return code.beginControlFlow("if ($L)", writeCondition(member, value))
                    .addStatement("size += $L", coding.sizeWithTag(element(t), member.number(), value))
                    .endControlFlow()
                    .build();
        }

        /** When a singular or optional field is written. */
        private CodeBlock writeCondition(Member member, CodeBlock value) {
            TypeRef t = member.type();
            if (t instanceof OptionalRef optional) {
                return optional.element() instanceof EnumRef e
                        ? CodeBlock.of("$L != null && $L != $T.UNRECOGNIZED", value, value, JavaTypes.value(e))
                        : CodeBlock.of("$L != null", value);
            } else if (t instanceof ScalarRef s) {
                return Scalars.nonDefault(s.scalar(), value);
            } else if (t instanceof EnumRef e) {
                return CodeBlock.of(
                        "$L != $L && $L != $T.UNRECOGNIZED", value, coding.defaultValue(e), value, JavaTypes.value(e));
            }
            MessageRef m = (MessageRef) t;
            return CodeBlock.of("$L != null && $T.CODEC.encodedSize($L) > 0", value, JavaTypes.value(m), value);
        }

        // ---- writing ----

        private CodeBlock write(Member member) {
            TypeRef t = member.type();
            CodeBlock value = CodeBlock.of("m.$N", member.name());
            CodeBlock.Builder code = CodeBlock.builder();
            if (t instanceof ListRef list && ValueCoding.isPackable(list.element())) {
                TypeRef element = list.element();
                code.add("{\n$>")
                        .addStatement("int data = $N(m.$N)", helperNames.get(packedKey(member)), member.name())
                        .beginControlFlow("if (data > 0)")
                        .addStatement(
                                "out.writeTag($L, $T.WIRETYPE_LENGTH_DELIMITED)", member.number(), WireFormat.class)
                        .addStatement("out.writeUInt32NoTag(data)")
                        .beginControlFlow("for ($T value : m.$N)", JavaTypes.value(element), member.name());
                if (element instanceof EnumRef e) {
                    code.beginControlFlow("if (value != $T.UNRECOGNIZED)", JavaTypes.value(e))
                            .add(coding.writeNoTag(element, CodeBlock.of("value")))
                            .endControlFlow();
                } else {
                    code.add(coding.writeNoTag(element, CodeBlock.of("value")));
                }
                return code.endControlFlow().endControlFlow().add("$<}\n").build();
            } else if (t instanceof ListRef list) {
                return code.beginControlFlow("for ($T value : m.$N)", JavaTypes.value(list.element()), member.name())
                        .add(coding.writeWithTag(list.element(), member.number(), CodeBlock.of("value")))
                        .endControlFlow()
                        .build();
            } else if (t instanceof MapRef map) {
                return code.beginControlFlow("for ($T entry : m.$N.entrySet())", entryType(map), member.name())
                        .add(skipUnrecognizedEntry(map))
                        .addStatement(
                                "out.writeTag($L, $T.WIRETYPE_LENGTH_DELIMITED)", member.number(), WireFormat.class)
                        .addStatement(
                                "out.writeUInt32NoTag($N(entry.getKey(), entry.getValue()))",
                                helperNames.get(entryKey(member)))
                        .add(coding.writeWithTag(map.key(), 1, CodeBlock.of("entry.getKey()")))
                        .add(coding.writeWithTag(map.value(), 2, CodeBlock.of("entry.getValue()")))
                        .endControlFlow()
                        .build();
            }
            return code.beginControlFlow("if ($L)", writeCondition(member, value))
                    .add(coding.writeWithTag(element(t), member.number(), value))
                    .endControlFlow()
                    .build();
        }

        private CodeBlock skipUnrecognizedEntry(MapRef map) {
            if (!(map.value() instanceof EnumRef e)) {
                return CodeBlock.of("");
            }
            return CodeBlock.builder()
                    .beginControlFlow("if (entry.getValue() == $T.UNRECOGNIZED)", JavaTypes.value(e))
                    .addStatement("continue")
                    .endControlFlow()
                    .build();
        }

        private String packedSizeHelper(Member member, TypeRef element) {
            String name = helperNames.newName(member.name() + "DataSize", packedKey(member));
            helpers.add(helperCode.packedSize(name, element));
            return name;
        }

        private String entrySizeHelper(Member member, MapRef map) {
            String name = helperNames.newName(member.name() + "EntrySize", entryKey(member));
            helpers.add(helperCode.entrySize(name, map));
            return name;
        }

        // ---- types ----

        private TypeName localType(TypeRef t) {
            return JavaTypes.storage(t);
        }

        private CodeBlock initialValue(TypeRef t) {
            if (t instanceof OptionalRef) {
                return CodeBlock.of("null");
            } else if (t instanceof ListRef) {
                return CodeBlock.of("new $T<>()", ArrayList.class);
            } else if (t instanceof MapRef) {
                return CodeBlock.of("new $T<>()", LinkedHashMap.class);
            }
            return coding.defaultValue(t);
        }

        private TypeName entryType(MapRef map) {
            return ParameterizedTypeName.get(
                    ClassName.get(Map.Entry.class),
                    JavaTypes.value(map.key()).box(),
                    JavaTypes.value(map.value()).box());
        }

        private Object packedKey(Member member) {
            return member.name() + "DataSize";
        }

        private Object entryKey(Member member) {
            return member.name() + "EntrySize";
        }
    }

    /** The single value type of a singular or optional field. */
    static TypeRef element(TypeRef t) {
        if (t instanceof OptionalRef o) {
            return o.element();
        } else if (t instanceof ListRef l) {
            return l.element();
        }
        return t;
    }
}
