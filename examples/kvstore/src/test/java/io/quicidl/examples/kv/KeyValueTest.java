package io.quicidl.examples.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyValueTest {
    private static LocalKeyValue local;
    private static KeyValueClient kv;

    @BeforeAll
    static void start() {
        local = new LocalKeyValue();
        kv = local.keyValue();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void everyWriteBumpsTheVersion() {
        assertEquals(1, kv.put(put("counter", "one")).version());
        assertEquals(2, kv.put(put("counter", "two")).version());

        Entry read = kv.get(GetRequest.newBuilder().key("counter").build());
        assertEquals("two", read.value().toStringUtf8());
        assertEquals(2, read.version());
    }

    @Test
    void aWriteOverAStaleVersionFailsWithTypedVersionConflict() {
        long version = kv.put(put("race", "first")).version();
        kv.put(put("race", "second"));

        VersionConflict conflict = assertThrows(
                VersionConflict.class,
                () -> kv.put(
                        put("race", "lost").toBuilder().expectedVersion(version).build()));
        assertEquals("race", conflict.key());
        assertEquals(version, conflict.expectedVersion());
        assertEquals(version + 1, conflict.actualVersion());
        assertEquals(
                "second",
                kv.get(GetRequest.newBuilder().key("race").build()).value().toStringUtf8());
    }

    @Test
    void expectedVersionZeroMeansCreateOnly() {
        assertEquals(
                1,
                kv.put(put("fresh", "a").toBuilder().expectedVersion(0).build()).version());
        assertThrows(
                VersionConflict.class,
                () -> kv.put(put("fresh", "b").toBuilder().expectedVersion(0).build()));
    }

    @Test
    void aMissingKeyFailsWithTypedKeyNotFound() {
        KeyNotFound missing = assertThrows(
                KeyNotFound.class,
                () -> kv.get(GetRequest.newBuilder().key("nowhere").build()));
        assertEquals("nowhere", missing.key());
    }

    @Test
    void deleteIsIdempotent() {
        kv.put(put("gone", "soon"));
        assertTrue(kv.delete(DeleteRequest.newBuilder().key("gone").build()).existed());
        assertFalse(kv.delete(DeleteRequest.newBuilder().key("gone").build()).existed());
    }

    @Test
    void theExampleRunsItsOperations() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        KeyValueExample.run(kv, new PrintStream(printed, true, UTF_8));
        String output = printed.toString(UTF_8);

        assertTrue(output.contains("VersionConflict: v2 is stored"), output);
        assertTrue(output.contains("KeyNotFound: greeting"), output);
        assertFalse(output.contains("broken"), output);
    }

    private static PutRequest put(String key, String value) {
        return PutRequest.newBuilder()
                .key(key)
                .value(ByteString.copyFromUtf8(value))
                .build();
    }
}
