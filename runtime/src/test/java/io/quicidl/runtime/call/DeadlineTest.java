package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server's reading of CALL {@code timeout_micros} (SPEC.md §7.2): a protobuf {@code uint64},
 * so every value from 0 to 2^64-1 can arrive; Java sees those above 2^63-1 as negative longs.
 */
class DeadlineTest {
    /** 2^53-1 µs, the largest value that is a deadline; a Java long holds its nanoseconds. */
    private static final long LARGEST_DEADLINE = (1L << 53) - 1;

    @Test
    void zeroIsNoDeadline() {
        assertNull(Deadline.forServer(0));
    }

    @Test
    void aSecondIsASecond() {
        Deadline deadline = Deadline.forServer(1_000_000);
        assertNotNull(deadline);
        long remaining = deadline.remainingNanos();
        assertTrue(remaining > 0 && remaining <= TimeUnit.SECONDS.toNanos(1), "remaining " + remaining);
    }

    @Test
    void theLargestDeadlineIsStillOneAndLiesInTheFuture() {
        Deadline deadline = Deadline.forServer(LARGEST_DEADLINE);
        assertNotNull(deadline);
        assertTrue(
                deadline.remainingNanos() > TimeUnit.DAYS.toNanos(365L * 200),
                "remaining " + deadline.remainingNanos());
    }

    @Test
    void valuesAboveTheLargestDeadlineMeanNoDeadline() {
        // 2^53, 2^62-1 (a QUIC varint's maximum), 2^63-1, 2^63 and 2^64-1 as the wire gives them.
        for (long micros : new long[] {LARGEST_DEADLINE + 1, (1L << 62) - 1, Long.MAX_VALUE, Long.MIN_VALUE, -1L}) {
            assertNull(Deadline.forServer(micros), Long.toUnsignedString(micros));
        }
    }
}
