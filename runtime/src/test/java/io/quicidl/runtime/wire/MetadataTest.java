package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.Metadata;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Metadata}: the key rules and size accounting of SPEC.md §7.1. */
class MetadataTest {
    private static final String KEY_RULE = "; keys are lowercase ASCII letters, digits, '-', '_' and '.'";

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "a",
                "0",
                "-",
                "_",
                ".",
                "user-agent",
                "trace.id_2",
                "quicidl-reserved",
                "abcdefghijklmnopqrstuvwxyz0123456789-_."
            })
    void validKeysAreAccepted(String key) {
        assertEquals(
                key, Metadata.builder().add(key, "v").build().entries().get(0).key());
    }

    @Test
    void keyOf128CharactersIsAcceptedAnd129IsNot() {
        String max = "k".repeat(128);
        assertEquals(max, new Metadata.Entry(max, new byte[0]).key());
        String over = "k".repeat(129);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Metadata.builder().add(over, "v"));
        assertEquals("metadata key must be 1 to 128 characters: '" + over + "'", e.getMessage());
    }

    @Test
    void emptyKeyIsRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Metadata.builder().add("", "v"));
        assertEquals("metadata key must be 1 to 128 characters: ''", e.getMessage());
    }

    @ParameterizedTest(name = "[{0}] has ''{1}'' at {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Accept     | A | 0",
                "user Agent | ' ' | 4",
                "a/b        | / | 1",
                "a:b        | : | 1",
                "tëst       | ë | 1",
                "x+y        | + | 1",
            })
    void keysWithOtherCharactersAreRejectedNamingTheCharacterAndItsPosition(String key, String bad, int at) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Metadata.builder().add(key, new byte[0]));
        assertEquals("metadata key '" + key + "' has character '" + bad + "' at " + at + KEY_RULE, e.getMessage());
    }

    @Test
    void sizeIsKeyPlusValuePlus32PerEntryCountingUtf8Bytes() {
        assertEquals(0, Metadata.empty().sizeInBytes());
        Metadata metadata = Metadata.builder()
                .add("a", "") // 1 + 0 + 32
                .add("key", "value") // 3 + 5 + 32
                .add("u", "é✓") // 1 + (2 + 3) + 32: UTF-8 bytes, not chars
                .add("bin", new byte[1000]) // 3 + 1000 + 32
                .build();
        assertEquals(33 + 40 + 38 + 1035, metadata.sizeInBytes());
        assertEquals(32, Metadata.ENTRY_OVERHEAD);
    }

    @Test
    void entriesKeepTheirOrderAndDuplicates() {
        Metadata metadata =
                Metadata.builder().add("b", "1").add("a", "2").add("b", "3").build();
        assertEquals(
                List.of("b", "a", "b"),
                metadata.entries().stream().map(Metadata.Entry::key).toList());
        assertEquals(Optional.of("1"), metadata.get("b"));
        assertEquals(List.of("1", "3"), metadata.getAll("b"));
        assertEquals(Optional.empty(), metadata.get("c"));
        assertEquals(List.of(), metadata.getAll("c"));
        assertNotEquals(
                Metadata.builder().add("a", "2").add("b", "1").add("b", "3").build(),
                metadata,
                "order matters for equality");
    }

    @Test
    void valuesCannotBeChangedThroughArrays() {
        byte[] value = {1, 2, 3};
        Metadata metadata = Metadata.builder().add("k", value).build();
        value[0] = 9;
        byte[] read = metadata.getBytes("k").orElseThrow();
        assertArrayEquals(new byte[] {1, 2, 3}, read);
        read[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, metadata.entries().get(0).value());
        assertThrows(
                UnsupportedOperationException.class, () -> metadata.entries().add(new Metadata.Entry("x", value)));
    }

    @Test
    void emptyMetadataIsShared() {
        assertSame(Metadata.empty(), Metadata.builder().build());
        assertSame(Metadata.empty(), Metadata.of(List.of()));
        assertTrue(Metadata.empty().isEmpty());
    }

    @Test
    void toBuilderStartsFromTheExistingEntries() {
        Metadata base = Metadata.builder().add("a", "1").build();
        Metadata more = base.toBuilder().add("b", "2").build();
        assertEquals(1, base.entries().size());
        assertEquals(Metadata.builder().add("a", "1").add("b", "2").build(), more);
        assertEquals(
                more.hashCode(),
                Metadata.builder().add("a", "1").add("b", "2").build().hashCode());
    }
}
