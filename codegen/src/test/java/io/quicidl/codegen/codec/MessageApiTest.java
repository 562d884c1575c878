package io.quicidl.codegen.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.chat.Throttled;
import example.types.Color;
import example.types.Everything;
import example.types.Everything.Inner;
import example.types.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The generated message API (golden {@code types} and {@code all_patterns}, compiled into these
 * tests): presence with {@code hasX()}, element-wise builder methods for lists and maps, built
 * messages that never change, and a {@code toString} that agrees with the accessors.
 */
class MessageApiTest {

    private static final Inner LABELLED =
            Inner.newBuilder().label("x").kind(Inner.Kind.KIND_A).build();

    @Test
    void unsetMessageFieldReadsAsDefaultInstanceAndHasTellsItApart() {
        Everything unset = Everything.defaultInstance();
        assertFalse(unset.hasInner());
        assertSame(Inner.defaultInstance(), unset.inner());

        Everything set = Everything.newBuilder().inner(LABELLED).build();
        assertTrue(set.hasInner());
        assertEquals(LABELLED, set.inner());
        assertFalse(set.toBuilder().clearInner().build().hasInner());
    }

    @Test
    void settingTheDefaultInstanceIsTheSameAsLeavingItUnset() {
        Everything explicit =
                Everything.newBuilder().inner(Inner.defaultInstance()).build();
        assertFalse(explicit.hasInner());
        assertEquals(Everything.defaultInstance(), explicit);
    }

    @Test
    void optionalFieldsHaveHasAndClear() {
        Everything.Builder builder = Everything.newBuilder();
        assertFalse(builder.build().hasMaybeInt32());
        assertEquals(Optional.empty(), builder.build().maybeInt32());

        Everything set =
                builder.maybeInt32(0).maybeInner(Inner.defaultInstance()).build();
        assertTrue(set.hasMaybeInt32(), "an optional field set to its default is present");
        assertEquals(Optional.of(0), set.maybeInt32());
        assertTrue(set.hasMaybeInner());

        Everything cleared = set.toBuilder().clearMaybeInt32().build();
        assertFalse(cleared.hasMaybeInt32());
        assertEquals(Optional.empty(), cleared.maybeInt32());
    }

    @Test
    void listsGrowElementByElementAndSettersReplace() {
        Everything message = Everything.newBuilder()
                .addInt32s(1)
                .addAllInt32s(List.of(2, 3))
                .addStrings("a")
                .addAllStrings(List.of("b"))
                .addColors(Color.RED)
                .addInners(LABELLED)
                .build();
        assertEquals(List.of(1, 2, 3), message.int32s());
        assertEquals(List.of("a", "b"), message.strings());
        assertEquals(List.of(Color.RED), message.colors());
        assertEquals(List.of(LABELLED), message.inners());

        Everything replaced =
                message.toBuilder().int32s(List.of(9)).addInt32s(10).build();
        assertEquals(List.of(9, 10), replaced.int32s());
        assertEquals(List.of(1, 2, 3), message.int32s(), "toBuilder works on a copy");
    }

    @Test
    void mapsGrowEntryByEntryAndPutReplacesTheValueOfAKey() {
        Map<String, Long> more = new LinkedHashMap<>();
        more.put("b", 2L);
        more.put("c", 3L);
        Everything message = Everything.newBuilder()
                .putCounts("a", 1L)
                .putAllCounts(more)
                .putCounts("a", 5L)
                .putNames(7, "seven")
                .putInnerById(1L, LABELLED)
                .build();
        assertEquals(List.of("a", "b", "c"), List.copyOf(message.counts().keySet()));
        assertEquals(5L, message.counts().get("a"));
        assertEquals(Map.of(7, "seven"), message.names());
        assertEquals(Map.of(1L, LABELLED), message.innerById());

        Everything replaced = message.toBuilder().counts(Map.of("z", 26L)).build();
        assertEquals(Map.of("z", 26L), replaced.counts());
        assertEquals(3, message.counts().size(), "toBuilder works on a copy");
    }

    @Test
    void builtMessagesNeverChange() {
        Everything.Builder builder = Everything.newBuilder().addInt32s(1).putCounts("a", 1L);
        Everything first = builder.build();
        builder.addInt32s(2).putCounts("b", 2L);
        assertEquals(List.of(1), first.int32s());
        assertEquals(Map.of("a", 1L), first.counts());
        assertEquals(List.of(1, 2), builder.build().int32s());

        assertThrows(UnsupportedOperationException.class, () -> first.int32s().add(3));
        assertThrows(UnsupportedOperationException.class, () -> first.counts().put("c", 3L));

        List<String> source = new ArrayList<>(List.of("a"));
        Everything copied = Everything.newBuilder().strings(source).build();
        source.add("b");
        assertEquals(List.of("a"), copied.strings());
    }

    @Test
    void nullElementsKeysAndValuesAreRejectedNamingTheField() {
        Everything.Builder builder = Everything.newBuilder();
        NullPointerException element = assertThrows(NullPointerException.class, () -> builder.addStrings(null));
        assertEquals("strings element", element.getMessage());
        NullPointerException inAll = assertThrows(
                NullPointerException.class, () -> builder.addAllStrings(java.util.Arrays.asList("a", null)));
        assertEquals("strings element", inAll.getMessage());
        NullPointerException key = assertThrows(NullPointerException.class, () -> builder.putCounts(null, 1L));
        assertEquals("counts key", key.getMessage());
        NullPointerException value = assertThrows(NullPointerException.class, () -> builder.putNames(1, null));
        assertEquals("names value", value.getMessage());
    }

    @Test
    void toStringLeavesOutWhatIsNotSetAndNeverPrintsNull() {
        assertEquals("Node{name=, children=[]}", Node.defaultInstance().toString());
        Node child = Node.newBuilder().name("leaf").build();
        assertEquals(
                "Node{name=root, left=Node{name=leaf, children=[]}, children=[]}",
                Node.newBuilder().name("root").left(child).build().toString());

        String unset = Everything.defaultInstance().toString();
        assertFalse(unset.contains("null"), unset);
        assertFalse(unset.contains("inner="), unset);
        assertFalse(unset.contains("maybeInt32="), unset);
        String set =
                Everything.newBuilder().inner(LABELLED).maybeInt32(3).build().toString();
        assertTrue(set.contains("inner=Inner{kind=KIND_A, label=x}"), set);
        assertTrue(set.contains("maybeInt32=3"), set);
    }

    @Test
    void declaredErrorsShowTheirSetFieldsAndHaveHas() {
        Throttled withoutReason = new Throttled(5, Optional.empty());
        assertFalse(withoutReason.hasReason());
        assertEquals("Throttled{retryAfterMs=5}", withoutReason.getMessage());
        Throttled withReason = new Throttled(5, Optional.of("busy"));
        assertTrue(withReason.hasReason());
        assertEquals("Throttled{retryAfterMs=5, reason=busy}", withReason.getMessage());
    }
}
