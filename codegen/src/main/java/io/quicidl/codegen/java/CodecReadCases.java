package io.quicidl.codegen.java;

import com.google.protobuf.ByteString;
import com.google.protobuf.WireFormat;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import io.quicidl.codegen.java.Struct.Member;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.EnumRef;
import io.quicidl.idl.model.TypeRef.ListRef;
import io.quicidl.idl.model.TypeRef.MapRef;
import io.quicidl.idl.model.TypeRef.ScalarRef;
import io.quicidl.runtime.UnknownFields;
import java.util.List;
import java.util.Map;

/**
 * The {@code switch} cases of one codec's {@code decode} loop: one or two cases per field (a
 * packable list accepts both packed and unpacked encodings), with unknown enum numbers and
 * unreadable map entries kept as unknown fields. Part of one {@link CodecGenerator} run.
 */
final class CodecReadCases {
    private final ValueCoding coding;
    private final CodecHelpers helperCode;
    private final NameAllocator helperNames;
    private final List<MethodSpec> helpers;
    private final Map<Member, String> locals;
    private final Map<Member, String> unrecognizedLocals;

    /**
     * Cases that read into the decoder's {@code locals}, adding the helper methods they need to
     * {@code helpers} under names from {@code helperNames}.
     */
    CodecReadCases(
            ValueCoding coding,
            CodecHelpers helperCode,
            NameAllocator helperNames,
            List<MethodSpec> helpers,
            Map<Member, String> locals,
            Map<Member, String> unrecognizedLocals) {
        this.coding = coding;
        this.helperCode = helperCode;
        this.helperNames = helperNames;
        this.helpers = helpers;
        this.locals = locals;
        this.unrecognizedLocals = unrecognizedLocals;
    }

    CodeBlock readCases(Member member) {
        TypeRef t = member.type();
        int number = member.number();
        String name = locals.get(member);
        CodeBlock.Builder code = CodeBlock.builder();
        if (t instanceof ListRef list) {
            TypeRef element = list.element();
            String add = name + ".add($L)";
            if (ValueCoding.isPackable(element)) {
                code.add(arm(
                        ValueCoding.tag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED),
                        CodeBlock.builder()
                                .addStatement("int limit = in.pushLimit(in.readRawVarint32())")
                                .beginControlFlow("while (in.getBytesUntilLimit() > 0)")
                                .add(readValue(element, number, add))
                                .endControlFlow()
                                .addStatement("in.popLimit(limit)")
                                .build(),
                        false));
            }
            return code.add(arm(
                            ValueCoding.tag(number, ValueCoding.wireType(element)),
                            readValue(element, number, add),
                            element instanceof ScalarRef))
                    .build();
        } else if (t instanceof MapRef map) {
            String reader = entryReader(member, map);
            if (map.value() instanceof EnumRef) {
                code.addStatement("$T entry = in.readBytes()", ByteString.class)
                        .beginControlFlow("if (!$N(entry.newCodedInput(), $N))", reader, name)
                        .addStatement("unknown = $T.keepBytes(unknown, $L, entry)", UnknownFields.class, number)
                        .endControlFlow();
            } else {
                code.addStatement("int limit = in.pushLimit(in.readRawVarint32())")
                        .addStatement(
                                ValueCoding.isMessage(map.value()) ? "$N(in, $N, depth)" : "$N(in, $N)", reader, name)
                        .addStatement("in.popLimit(limit)");
            }
            return arm(ValueCoding.tag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED), code.build(), false);
        }
        TypeRef element = CodecGenerator.element(t);
        String unrecognized = unrecognizedLocals.get(member);
        CodeBlock read = unrecognized == null
                ? readValue(element, number, name + " = $L")
                : CodeBlock.builder()
                        .add(coding.readEnum((EnumRef) element, name + " = $L"))
                        .addStatement(
                                "$N = $T.fromNumber(raw) == $T.UNRECOGNIZED ? $T.valueOf(raw) : null",
                                unrecognized,
                                JavaTypes.value((EnumRef) element),
                                JavaTypes.value((EnumRef) element),
                                Integer.class)
                        .build();
        return arm(
                ValueCoding.tag(number, ValueCoding.wireType(element)),
                read,
                unrecognized == null && element instanceof ScalarRef);
    }

    /**
     * The switch arm {@code case tag -> ...}: a single statement on the label's line, else a block.
     * Arrows need no {@code break}, so each case is shorter to print and to compile.
     */
    static CodeBlock arm(Object label, CodeBlock body, boolean singleStatement) {
        return singleStatement
                ? CodeBlock.of("case $L -> $L", label, body)
                : CodeBlock.of("case $L -> {\n$>$L$<}\n", label, body);
    }

    /**
     * Reads one value into {@code target}; unknown enum numbers of list elements also go to the
     * unknown fields (a singular enum's only at the end of decoding, see CodecGenerator).
     */
    private CodeBlock readValue(TypeRef element, int number, String target) {
        if (!(element instanceof EnumRef e)) {
            return coding.read(element, target);
        }
        return CodeBlock.builder()
                .add(coding.readEnum(e, target))
                .beginControlFlow("if ($T.fromNumber(raw) == $T.UNRECOGNIZED)", JavaTypes.value(e), JavaTypes.value(e))
                .addStatement("unknown = $T.keepEnum(unknown, $L, raw)", UnknownFields.class, number)
                .endControlFlow()
                .build();
    }

    private String entryReader(Member member, MapRef map) {
        String name = helperNames.newName("read" + pascal(member.name()) + "Entry");
        helpers.add(helperCode.entryReader(name, map));
        return name;
    }

    private static String pascal(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
