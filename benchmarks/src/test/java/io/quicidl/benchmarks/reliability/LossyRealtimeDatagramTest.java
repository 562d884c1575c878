package io.quicidl.benchmarks.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quicidl.benchmarks.quicidl.BenchClient;
import io.quicidl.benchmarks.quicidl.Frame;
import io.quicidl.benchmarks.relay.RelayConditions;
import io.quicidl.benchmarks.relay.RelayedBenchServer;
import io.quicidl.runtime.RealtimeSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @realtime(delivery = datagram)} (SPEC.md §5.9) through a lossy, reordering relay: a lost
 * frame stays lost (QUIC DATAGRAM frames are never retransmitted), the server only ever delivers
 * newer frames than it delivered (reordered ones are dropped as old), and the feed goes on through
 * loss and through a silent path.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LossyRealtimeDatagramTest {
    /** 10% of datagrams lost each way, 5% held back 5 ms behind later ones, 1 ms one-way delay. */
    private static final RelayConditions LOSSY = RelayConditions.PERFECT
            .withDrop(0.10)
            .withDelay(Duration.ofMillis(1))
            .withReordering(0.05, Duration.ofMillis(5));

    private static final int FRAMES = 600;
    /** Sequences from here on mark the end of the feed. */
    private static final long MARKERS = 1_000_000;

    private final List<Long> delivered = new ArrayList<>();

    private synchronized void delivered(Frame frame) {
        delivered.add(frame.sequence());
        notifyAll();
    }

    private synchronized boolean sawAtLeast(long sequence) {
        return !delivered.isEmpty() && delivered.get(delivered.size() - 1) >= sequence;
    }

    private synchronized List<Long> deliveredSoFar() {
        return List.copyOf(delivered);
    }

    @Test
    void lossIsToleratedNotRepairedNewestWinsAndASilentPathLosesItsFrames() throws Exception {
        ByteString pixels = ByteString.copyFrom(new byte[64]);
        Set<Long> sentDuringSilence = new HashSet<>();
        try (RelayedBenchServer server = new RelayedBenchServer(this::delivered, LOSSY, LOSSY, 18);
                RelayedBenchServer.RelayedClient connection = server.connect()) {
            RealtimeSink<Frame> feed = new BenchClient(connection.client()).framesDatagram();
            long silenceStart = 0;
            for (long sequence = 0; sequence < FRAMES; sequence++) {
                if (sequence == FRAMES / 2) {
                    // The path goes silent for 300 ms: what is sent meanwhile is lost for good.
                    silenceStart = System.nanoTime();
                    connection.relay().silence(Duration.ofMillis(300));
                }
                long sinceSilence = System.nanoTime() - silenceStart;
                if (silenceStart != 0
                        && sinceSilence > TimeUnit.MILLISECONDS.toNanos(5)
                        && sinceSilence < TimeUnit.MILLISECONDS.toNanos(100)) {
                    sentDuringSilence.add(sequence);
                }
                feed.send(frame(sequence, pixels));
                Thread.sleep(1);
            }
            // Markers until one arrives: the feed after the loss and the silence still gets through.
            long marker = MARKERS;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!sawAtLeast(MARKERS) && System.nanoTime() < deadline) {
                feed.send(frame(marker++, pixels));
                Thread.sleep(5);
            }
            feed.complete();
        }
        List<Long> seen = deliveredSoFar();
        assertTrue(seen.stream().anyMatch(s -> s >= MARKERS), () -> "no marker arrived; saw " + seen.size());
        for (int i = 1; i < seen.size(); i++) {
            long before = seen.get(i - 1);
            long after = seen.get(i);
            assertTrue(before < after, "delivered out of order or twice: " + before + " then " + after);
        }
        long feedFrames = seen.stream().filter(s -> s < MARKERS).count();
        assertTrue(feedFrames < FRAMES, () -> "all " + FRAMES + " frames arrived: nothing was lost at 10% loss?");
        assertTrue(feedFrames > FRAMES / 3, () -> "only " + feedFrames + " of " + FRAMES + " frames arrived");
        assertFalse(sentDuringSilence.isEmpty(), "frames were sent while the path was silent");
        for (long lost : sentDuringSilence) {
            assertFalse(seen.contains(lost), () -> "frame " + lost + ", sent into the silent path, was repaired");
        }
    }

    private static Frame frame(long sequence, ByteString pixels) {
        return Frame.newBuilder()
                .sequence(sequence)
                .sentNanos(System.nanoTime())
                .pixels(pixels)
                .build();
    }
}
