package io.quicidl.benchmarks.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.benchmarks.relay.LossyUdpRelay;
import io.quicidl.benchmarks.relay.RelayConditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Item 2 of issue #12: mixed calls of all seven patterns through lossy, reordering relays, every
 * answer checked by {@link MixedCalls}. CI runs 2,000 calls; {@code -Dreliability.mixed.calls=10000}
 * runs the full form (RELIABILITY.md).
 */
class LossyMixedCallsTest {
    private static final int CALLS = Integer.getInteger("reliability.mixed.calls", 2_000);
    private static final int CONNECTIONS = 4;
    private static final int CONCURRENT_CALLS = 16;

    /** 5% of datagrams lost each way, 5% held back 5 ms behind later ones, 1 ms one-way delay. */
    static final RelayConditions LOSSY = RelayConditions.PERFECT
            .withDrop(0.05)
            .withDelay(Duration.ofMillis(1))
            .withReordering(0.05, Duration.ofMillis(5));

    @Test
    void everyCallOfEveryPatternIsRightAtFivePercentLossWithReordering() throws Exception {
        long start = System.nanoTime();
        try (ReliabilityServer server = new ReliabilityServer(true)) {
            List<ReliabilityServer.Connection> connections = new ArrayList<>();
            ExecutorService callers = Executors.newFixedThreadPool(CONCURRENT_CALLS);
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    connections.add(server.connect(LOSSY, LOSSY, 1_000 + i));
                }
                AtomicLong next = new AtomicLong();
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < CONCURRENT_CALLS; w++) {
                    workers.add(callers.submit(() -> {
                        for (long n = next.getAndIncrement(); n < CALLS; n = next.getAndIncrement()) {
                            MixedCalls.run(
                                    connections.get((int) (n % CONNECTIONS)).stub(), n);
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get(30, TimeUnit.MINUTES); // A hang guard only: a wrong answer fails at once.
                }
                MixedCalls.ServerSide serverSide = MixedCalls.awaitServerSide(server.service(), CALLS);
                assertEquals(CALLS / 7 + (CALLS % 7 > 4 ? 1 : 0), serverSide.notifications());

                long dropped = 0;
                long received = 0;
                for (ReliabilityServer.Connection connection : connections) {
                    for (LossyUdpRelay.Direction direction : LossyUdpRelay.Direction.values()) {
                        LossyUdpRelay.Counters counters = connection.relay().counters(direction);
                        assertTrue(counters.droppedAtRandom() > 0, direction + " lost nothing: " + counters);
                        dropped += counters.droppedAtRandom();
                        received += counters.received();
                    }
                }
                System.out.printf(
                        "Lossy mixed calls: %d calls (%d per pattern, %d connections, %d at once) at %s: all"
                                + " correct; %d of %d datagrams dropped (%.2f%%); realtime calls with items"
                                + " delivered %d, with none %d; %.1f s%n",
                        CALLS,
                        CALLS / 7,
                        CONNECTIONS,
                        CONCURRENT_CALLS,
                        LOSSY.describe(),
                        dropped,
                        received,
                        100.0 * dropped / received,
                        serverSide.realtimeDelivered(),
                        serverSide.realtimeEmpty(),
                        (System.nanoTime() - start) / 1e9);
            } finally {
                callers.shutdownNow();
                connections.forEach(ReliabilityServer.Connection::close);
            }
        }
    }
}
