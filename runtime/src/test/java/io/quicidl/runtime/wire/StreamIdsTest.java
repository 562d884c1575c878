package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamIdsTest {

    @ParameterizedTest(name = "stream {0}: bidi {1}, client {2}, index {3}")
    @CsvSource({
        // RFC 9000 §2.1, Table 1, and the ids SPEC.md §11 uses.
        "0,  true,  true,  0",
        "1,  true,  false, 0",
        "2,  false, true,  0",
        "3,  false, false, 0",
        "4,  true,  true,  1",
        "7,  false, false, 1",
        "20, true,  true,  5",
        "22, false, true,  5",
        "4611686018427387900, true,  true,  1152921504606846975",
        "4611686018427387903, false, false, 1152921504606846975",
    })
    void kindAndIndexFollowTheTwoLowBits(long id, boolean bidi, boolean client, long index) {
        assertEquals(bidi, StreamIds.isBidirectional(id));
        assertEquals(client, StreamIds.isClientInitiated(id));
        assertEquals(index, StreamIds.index(id));
        assertEquals(id, StreamIds.id(bidi, client, index));
    }

    @Test
    void firstIdsOfEachKind() {
        assertEquals(0, StreamIds.first(true, true));
        assertEquals(1, StreamIds.first(true, false));
        assertEquals(2, StreamIds.first(false, true));
        assertEquals(3, StreamIds.first(false, false));
    }

    @Test
    void nextKeepsTheKind() {
        assertEquals(4, StreamIds.next(0));
        assertEquals(7, StreamIds.next(3));
        assertEquals(StreamIds.MAX_ID, StreamIds.next(StreamIds.MAX_ID - 4));
    }

    @ParameterizedTest(name = "limit {2} ({0}, client {1}) admits {3} streams")
    @CsvSource({
        "true,  true,  0,  0",
        "true,  true,  1,  1",
        "true,  true,  4,  1",
        "true,  true,  5,  2",
        "true,  true,  24, 6",
        "false, true,  0,  0",
        "false, true,  2,  0",
        "false, true,  3,  1",
        "false, true,  6,  1",
        "false, true,  22, 5",
        "false, false, 3,  0",
        "false, false, 4,  1",
    })
    void limitsAreIdsNotCounts(boolean bidi, boolean client, long limit, long count) {
        assertEquals(count, StreamIds.countBelow(bidi, client, limit));
    }

    @Test
    void limitAdmitsExactlyCountStreams() {
        for (boolean bidi : new boolean[] {true, false}) {
            for (boolean client : new boolean[] {true, false}) {
                for (long count = 0; count < 10; count++) {
                    long limit = StreamIds.limit(bidi, client, count);
                    assertEquals(count, StreamIds.countBelow(bidi, client, limit));
                }
            }
        }
        // SPEC.md §11.11: a client that opened bidi 0..20 and uni 6..22 (2 is its control stream).
        assertEquals(24, StreamIds.limit(true, true, 6));
        assertEquals(26, StreamIds.limit(false, true, 6));
    }

    @Test
    void indexOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> StreamIds.id(true, true, -1));
        assertThrows(IllegalArgumentException.class, () -> StreamIds.id(true, true, 1L << 60));
    }
}
