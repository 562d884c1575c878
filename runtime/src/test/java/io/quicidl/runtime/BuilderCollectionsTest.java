package io.quicidl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuilderCollectionsTest {

    @Test
    void addAllAppendsInOrder() {
        List<String> into = new ArrayList<>(List.of("a"));
        BuilderCollections.addAll(into, List.of("b", "c"), "tags element");
        assertEquals(List.of("a", "b", "c"), into);
    }

    @Test
    void aNullElementIsNamedAndTheOnesBeforeItStay() {
        List<String> into = new ArrayList<>();
        NullPointerException e = assertThrows(
                NullPointerException.class,
                () -> BuilderCollections.addAll(into, Arrays.asList("a", null, "c"), "tags element"));
        assertEquals("tags element", e.getMessage());
        assertEquals(List.of("a"), into);
        assertEquals(
                "values",
                assertThrows(NullPointerException.class, () -> BuilderCollections.addAll(into, null, "tags element"))
                        .getMessage());
    }

    @Test
    void putAllReplacesValuesOfKeysAlreadyThere() {
        Map<String, Integer> into = new LinkedHashMap<>(Map.of("a", 1));
        Map<String, Integer> entries = new LinkedHashMap<>();
        entries.put("a", 2);
        entries.put("b", 3);
        BuilderCollections.putAll(into, entries, "counts");
        assertEquals(Map.of("a", 2, "b", 3), into);
    }

    @Test
    void aNullKeyOrValueIsNamed() {
        Map<String, Integer> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        Map<String, Integer> nullValue = new HashMap<>();
        nullValue.put("a", null);
        Map<String, Integer> into = new HashMap<>();
        assertEquals(
                "counts key",
                assertThrows(NullPointerException.class, () -> BuilderCollections.putAll(into, nullKey, "counts"))
                        .getMessage());
        assertEquals(
                "counts value",
                assertThrows(NullPointerException.class, () -> BuilderCollections.putAll(into, nullValue, "counts"))
                        .getMessage());
        assertEquals(
                "entries",
                assertThrows(NullPointerException.class, () -> BuilderCollections.putAll(into, null, "counts"))
                        .getMessage());
    }
}
