package io.quicidl.codegen.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.chat.RoomNotFound;
import com.acme.chat.Throttled;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.WireFormat;
import example.types.Color;
import example.types.Empty;
import example.types.Everything;
import example.types.Everything.Inner;
import example.types.Node;
import io.quicidl.runtime.ErrorDetail;
import io.quicidl.runtime.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The generated codecs (golden {@code types} and {@code all_patterns}) against SPEC.md §8 and
 * protobuf-java itself.
 */
class CodecTest {

    static <T> byte[] encode(MessageCodec<T> codec, T value) throws IOException {
        byte[] bytes = new byte[codec.encodedSize(value)];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        codec.encode(value, out);
        out.checkNoSpaceLeft();
        return bytes;
    }

    static <T> T decode(MessageCodec<T> codec, byte[] bytes) throws IOException {
        return codec.decode(CodedInputStream.newInstance(bytes));
    }

    private static Inner inner(Inner.Kind kind, String label) {
        return Inner.newBuilder().kind(kind).label(label).build();
    }

    /** Every field set to a non-default value, including edge values. */
    static Everything full() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("a", Long.MIN_VALUE);
        counts.put("ü→😀", 7L);
        Map<Integer, String> names = new LinkedHashMap<>();
        names.put(-1, "minus one");
        names.put(Integer.MAX_VALUE, "max");
        Map<Long, Inner> innerById = new LinkedHashMap<>();
        innerById.put(-1L, inner(Inner.Kind.KIND_B, "unsigned max"));
        innerById.put(5L, inner(Inner.Kind.KIND_A, "five"));
        return Everything.newBuilder()
                .aBool(true)
                .anInt32(-1)
                .anInt64(Long.MIN_VALUE)
                .aUint32(-1)
                .aUint64(-1L)
                .aSint32(Integer.MIN_VALUE)
                .aSint64(Long.MAX_VALUE)
                .aFixed32(0xDEADBEEF)
                .aFixed64(Long.MIN_VALUE + 1)
                .aFloat32(-1.5e-38f)
                .aFloat64(Double.MAX_VALUE)
                .aString("héllo wörld 😀 \u0000 end")
                .aBytes(ByteString.copyFrom(new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80}))
                .color(Color.BLUE)
                .inner(inner(Inner.Kind.KIND_B, "negative enum"))
                .maybeInt32(Integer.MIN_VALUE)
                .maybeString("")
                .maybeBytes(ByteString.EMPTY)
                .maybeColor(Color.RED)
                .maybeInner(Inner.defaultInstance())
                .maybeFloat64(-0.0)
                .int32s(List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 300))
                .sint64s(List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE))
                .fixed32s(List.of(1, -1, 0))
                .float64s(List.of(Double.NaN, Double.NEGATIVE_INFINITY, 0.0, 1e300))
                .bools(List.of(true, false, true))
                .strings(List.of("", "a", "日本語"))
                .byteStrings(List.of(ByteString.EMPTY, ByteString.copyFromUtf8("x")))
                .colors(List.of(Color.RED, Color.COLOR_UNSPECIFIED, Color.GREEN))
                .inners(List.of(Inner.defaultInstance(), inner(Inner.Kind.KIND_A, "second")))
                .counts(counts)
                .names(names)
                .flags(Map.of(true, ByteString.copyFromUtf8("yes")))
                .innerById(innerById)
                .colorByName(Map.of("sky", Color.BLUE))
                .weights(Map.of(-3, 0.25f))
                .build();
    }

    @Test
    void everyFieldTypeRoundTripsWithEdgeValues() throws IOException {
        Everything original = full();
        byte[] bytes = encode(Everything.CODEC, original);
        Everything decoded = decode(Everything.CODEC, bytes);
        assertEquals(original, decoded);
        assertEquals(original.hashCode(), decoded.hashCode());
        assertArrayEquals(bytes, encode(Everything.CODEC, decoded));
        assertEquals(Optional.of(Integer.MIN_VALUE), decoded.maybeInt32());
        assertEquals(Optional.of(""), decoded.maybeString());
        assertEquals(Optional.of(Inner.defaultInstance()), decoded.maybeInner());
        assertTrue(decoded.toString().startsWith("Everything{aBool=true, anInt32=-1,"), decoded.toString());
    }

    @Test
    void defaultsAreNotWrittenAndAbsentFieldsReadAsDefaults() throws IOException {
        assertEquals(0, encode(Everything.CODEC, Everything.defaultInstance()).length);
        Everything empty = decode(Everything.CODEC, new byte[0]);
        assertEquals(Everything.defaultInstance(), empty);
        assertEquals("", empty.aString());
        assertEquals(Color.COLOR_UNSPECIFIED, empty.color());
        assertEquals(Inner.defaultInstance(), empty.inner());
        assertEquals(Optional.empty(), empty.maybeInner());
        assertEquals(List.of(), empty.int32s());
        assertEquals(Map.of(), empty.counts());
    }

    @Test
    void negativeInt32IsATenByteVarint() throws IOException {
        byte[] bytes =
                encode(Everything.CODEC, Everything.newBuilder().anInt32(-1).build());
        assertArrayEquals(new byte[] {0x10, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01}, bytes);
    }

    @Test
    void largeListsRoundTrip() throws IOException {
        List<Integer> ints = IntStream.range(-50_000, 50_000).boxed().toList();
        List<String> strings = IntStream.range(0, 20_000).mapToObj(i -> "s" + i).toList();
        Everything original =
                Everything.newBuilder().int32s(ints).strings(strings).build();
        assertEquals(original, decode(Everything.CODEC, encode(Everything.CODEC, original)));
    }

    @Test
    void encodingEqualsProtobufJavaByteForByte() throws IOException {
        Everything ours = full();
        DynamicMessage theirs = dynamic(ours);
        assertArrayEquals(theirs.toByteArray(), encode(Everything.CODEC, ours));
        assertEquals(ours, decode(Everything.CODEC, theirs.toByteArray()));
    }

    @Test
    void unpackedListsAreAccepted() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        out.writeInt32(30, 5);
        out.writeInt32(30, -7);
        out.writeFixed32(32, 9);
        out.writeEnum(37, 2);
        out.writeTag(30, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(1);
        out.writeInt32NoTag(8);
        out.flush();
        Everything decoded = decode(Everything.CODEC, buffer.toByteArray());
        assertEquals(List.of(5, -7, 8), decoded.int32s());
        assertEquals(List.of(9), decoded.fixed32s());
        assertEquals(List.of(Color.GREEN), decoded.colors());
    }

    @Test
    void unknownFieldsArePreservedAndWrittenBack() throws IOException {
        byte[] full = encode(Everything.CODEC, full());
        // Every field of Everything is unknown to Empty: it must write all of them back unchanged.
        Empty empty = decode(Empty.CODEC, full);
        assertEquals(full.length, empty.unknownFields().size());
        assertArrayEquals(full, encode(Empty.CODEC, empty));
        assertArrayEquals(full, encode(Empty.CODEC, empty.toBuilder().build()));

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        out.writeString(12, "known");
        out.writeUInt64(99, 123_456_789_012L);
        out.writeBytes(100, ByteString.copyFromUtf8("len"));
        out.writeFixed32(101, 7);
        out.writeFixed64(102, -7L);
        out.flush();
        Everything withUnknown = decode(Everything.CODEC, buffer.toByteArray());
        assertEquals("known", withUnknown.aString());
        assertFalse(withUnknown.unknownFields().isEmpty());
        assertArrayEquals(buffer.toByteArray(), encode(Everything.CODEC, withUnknown));
        Everything changed = withUnknown.toBuilder().aBool(true).build();
        assertEquals(
                withUnknown.unknownFields(),
                decode(Everything.CODEC, encode(Everything.CODEC, changed)).unknownFields());
    }

    @Test
    void aSingularEnumKeepsItsLastValueThroughReEncoding() throws IOException {
        // color = 99 (unrecognized), then color = GREEN: the last value wins, and must still win
        // after the message is encoded again (found by MessageCodecJazzerTest's seeds).
        byte[] unknownThenKnown = {0x70, 0x63, 0x70, 0x02};
        Everything decoded = decode(Everything.CODEC, unknownThenKnown);
        assertEquals(Color.GREEN, decoded.color());
        Everything again = decode(Everything.CODEC, encode(Everything.CODEC, decoded));
        assertEquals(Color.GREEN, again.color());
        assertEquals(decoded, again);
        // GREEN, then 99: unrecognized, and the number is kept for the next encoding.
        byte[] knownThenUnknown = {0x70, 0x02, 0x70, 0x63};
        Everything last = decode(Everything.CODEC, knownThenUnknown);
        assertEquals(Color.UNRECOGNIZED, last.color());
        assertArrayEquals(new byte[] {0x70, 0x63}, encode(Everything.CODEC, last));
    }

    @Test
    void unknownEnumNumbersReadAsUnrecognizedAndRoundTrip() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        out.writeEnum(14, 7);
        out.writeTag(37, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(2);
        out.writeEnumNoTag(1);
        out.writeEnumNoTag(9);
        out.writeTag(44, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(5);
        out.writeString(1, "x");
        out.writeEnum(2, 12);
        out.flush();
        Everything decoded = decode(Everything.CODEC, buffer.toByteArray());
        assertEquals(Color.UNRECOGNIZED, decoded.color());
        assertEquals(List.of(Color.RED, Color.UNRECOGNIZED), decoded.colors());
        assertEquals(Map.of("x", Color.UNRECOGNIZED), decoded.colorByName());
        assertThrows(IllegalStateException.class, Color.UNRECOGNIZED::number);

        DynamicMessage reread =
                DynamicMessage.parseFrom(EverythingDescriptor.everything(), encode(Everything.CODEC, decoded));
        Descriptor d = reread.getDescriptorForType();
        assertEquals(
                7,
                ((com.google.protobuf.Descriptors.EnumValueDescriptor) reread.getField(d.findFieldByName("color")))
                        .getNumber());
        List<Integer> colors = new ArrayList<>();
        for (Object e : (List<?>) reread.getField(d.findFieldByName("colors"))) {
            colors.add(((com.google.protobuf.Descriptors.EnumValueDescriptor) e).getNumber());
        }
        assertEquals(List.of(1, 9), colors);
        DynamicMessage entry = (DynamicMessage) reread.getRepeatedField(d.findFieldByName("color_by_name"), 0);
        assertEquals(
                12,
                ((com.google.protobuf.Descriptors.EnumValueDescriptor)
                                entry.getField(entry.getDescriptorForType().findFieldByName("value")))
                        .getNumber());
    }

    @Test
    void nestingDeeperThanTheLimitIsAnIOException() throws IOException {
        assertEquals(100, depth(decode(Node.CODEC, encode(Node.CODEC, chain(100)))));
        byte[] deep = encode(Node.CODEC, chain(150));
        assertThrows(IOException.class, () -> decode(Node.CODEC, deep));
    }

    private static Node chain(int levels) {
        Node node = Node.newBuilder().name("leaf").build();
        for (int i = 0; i < levels; i++) {
            node = Node.newBuilder().left(node).build();
        }
        return node;
    }

    private static int depth(Node node) {
        int depth = 0;
        for (Node n = node; n.left() != Node.defaultInstance(); n = n.left()) {
            depth++;
        }
        return depth;
    }

    @Test
    void recursiveMessagesHaveFiniteDefaults() {
        Node node = Node.defaultInstance();
        assertEquals(Node.defaultInstance(), node.left());
        assertEquals(node, Node.newBuilder().left(Node.defaultInstance()).build());
        assertEquals("Node{name=, children=[]}", node.toString(), "unset fields are left out");
    }

    @Test
    void declaredErrorsRoundTripThroughTheirErrorType() throws IOException {
        RoomNotFound error = new RoomNotFound("lobby");
        ErrorDetail detail = RoomNotFound.ERROR_TYPE.toDetail(error);
        assertEquals("example.chat.RoomNotFound", detail.type());
        assertEquals("lobby", RoomNotFound.ERROR_TYPE.fromDetail(detail).room());
        assertEquals("RoomNotFound{room=lobby}", error.getMessage());
        Throttled throttled = new Throttled(250, Optional.of("busy"));
        Throttled back = Throttled.ERROR_TYPE.fromDetail(Throttled.ERROR_TYPE.toDetail(throttled));
        assertEquals(250, back.retryAfterMs());
        assertEquals(Optional.of("busy"), back.reason());
    }

    @Test
    void garbageAndTruncatedInputOnlyEverThrowsIOException() throws IOException {
        Random random = new Random(20261125L);
        byte[] valid = encode(Everything.CODEC, full());
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            inputs.add(garbage);
        }
        for (int i = 0; i < 3000; i++) {
            byte[] mutated = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            inputs.add(i % 3 == 0 ? java.util.Arrays.copyOf(mutated, random.nextInt(mutated.length)) : mutated);
        }
        for (int cut = 0; cut < valid.length; cut++) {
            inputs.add(java.util.Arrays.copyOf(valid, cut));
        }
        int decoded = 0;
        for (byte[] input : inputs) {
            for (MessageCodec<?> codec : List.<MessageCodec<?>>of(Everything.CODEC, Node.CODEC, Empty.CODEC)) {
                if (decodesOrThrowsIOException(codec, input)) {
                    decoded++;
                }
            }
        }
        assertTrue(decoded > 0, "some inputs should decode");
    }

    @Test
    void deeplyNestedGroupsAreAnIOExceptionNotAStackOverflow() {
        byte[] groups = new byte[100_000];
        java.util.Arrays.fill(groups, (byte) 0x0b);
        byte[] messages = new byte[100_000];
        for (int i = 0; i + 1 < messages.length; i += 2) {
            messages[i] = 0x12;
            messages[i + 1] = (byte) 0x80;
        }
        for (byte[] input : List.of(groups, messages)) {
            assertThrows(IOException.class, () -> decode(Node.CODEC, input));
            assertThrows(IOException.class, () -> decode(Empty.CODEC, input));
        }
    }

    private static <T> boolean decodesOrThrowsIOException(MessageCodec<T> codec, byte[] input) {
        T value;
        try {
            value = decode(codec, input);
        } catch (IOException expected) {
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decoding " + java.util.HexFormat.of().formatHex(input) + " threw " + e, e);
        }
        try {
            decode(codec, encode(codec, value));
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("re-encoding a decoded garbage message failed", e);
        }
        return true;
    }

    /** The same message built with protobuf-java, field by field. */
    private static DynamicMessage dynamic(Everything e) {
        Descriptor d = EverythingDescriptor.everything();
        DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
        b.setField(f(d, "a_bool"), e.aBool());
        b.setField(f(d, "an_int32"), e.anInt32());
        b.setField(f(d, "an_int64"), e.anInt64());
        b.setField(f(d, "a_uint32"), e.aUint32());
        b.setField(f(d, "a_uint64"), e.aUint64());
        b.setField(f(d, "a_sint32"), e.aSint32());
        b.setField(f(d, "a_sint64"), e.aSint64());
        b.setField(f(d, "a_fixed32"), e.aFixed32());
        b.setField(f(d, "a_fixed64"), e.aFixed64());
        b.setField(f(d, "a_float32"), e.aFloat32());
        b.setField(f(d, "a_float64"), e.aFloat64());
        b.setField(f(d, "a_string"), e.aString());
        b.setField(f(d, "a_bytes"), e.aBytes());
        b.setField(f(d, "color"), color(d, e.color()));
        b.setField(f(d, "inner"), inner(d, e.inner()));
        e.maybeInt32().ifPresent(v -> b.setField(f(d, "maybe_int32"), v));
        e.maybeString().ifPresent(v -> b.setField(f(d, "maybe_string"), v));
        e.maybeBytes().ifPresent(v -> b.setField(f(d, "maybe_bytes"), v));
        e.maybeColor().ifPresent(v -> b.setField(f(d, "maybe_color"), color(d, v)));
        e.maybeInner().ifPresent(v -> b.setField(f(d, "maybe_inner"), inner(d, v)));
        e.maybeFloat64().ifPresent(v -> b.setField(f(d, "maybe_float64"), v));
        e.int32s().forEach(v -> b.addRepeatedField(f(d, "int32s"), v));
        e.sint64s().forEach(v -> b.addRepeatedField(f(d, "sint64s"), v));
        e.fixed32s().forEach(v -> b.addRepeatedField(f(d, "fixed32s"), v));
        e.float64s().forEach(v -> b.addRepeatedField(f(d, "float64s"), v));
        e.bools().forEach(v -> b.addRepeatedField(f(d, "bools"), v));
        e.strings().forEach(v -> b.addRepeatedField(f(d, "strings"), v));
        e.byteStrings().forEach(v -> b.addRepeatedField(f(d, "byte_strings"), v));
        e.colors().forEach(v -> b.addRepeatedField(f(d, "colors"), color(d, v)));
        e.inners().forEach(v -> b.addRepeatedField(f(d, "inners"), inner(d, v)));
        e.counts().forEach((k, v) -> b.addRepeatedField(f(d, "counts"), entry(d, "counts", k, v)));
        e.names().forEach((k, v) -> b.addRepeatedField(f(d, "names"), entry(d, "names", k, v)));
        e.flags().forEach((k, v) -> b.addRepeatedField(f(d, "flags"), entry(d, "flags", k, v)));
        e.innerById()
                .forEach((k, v) -> b.addRepeatedField(f(d, "inner_by_id"), entry(d, "inner_by_id", k, inner(d, v))));
        e.colorByName()
                .forEach(
                        (k, v) -> b.addRepeatedField(f(d, "color_by_name"), entry(d, "color_by_name", k, color(d, v))));
        e.weights().forEach((k, v) -> b.addRepeatedField(f(d, "weights"), entry(d, "weights", k, v)));
        return b.build();
    }

    private static FieldDescriptor f(Descriptor d, String name) {
        return d.findFieldByName(name);
    }

    private static Object color(Descriptor d, Color color) {
        return f(d, "color").getEnumType().findValueByNumber(color.number());
    }

    private static DynamicMessage inner(Descriptor d, Inner inner) {
        Descriptor innerType = f(d, "inner").getMessageType();
        return DynamicMessage.newBuilder(innerType)
                .setField(
                        innerType.findFieldByName("kind"),
                        innerType
                                .findFieldByName("kind")
                                .getEnumType()
                                .findValueByNumber(inner.kind().number()))
                .setField(innerType.findFieldByName("label"), inner.label())
                .build();
    }

    private static DynamicMessage entry(Descriptor d, String field, Object key, Object value) {
        Descriptor entryType = f(d, field).getMessageType();
        return DynamicMessage.newBuilder(entryType)
                .setField(entryType.findFieldByName("key"), key)
                .setField(entryType.findFieldByName("value"), value)
                .build();
    }
}
