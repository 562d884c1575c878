package io.quicidl.benchmarks.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LossyUdpRelayTest {
    private DatagramChannel server;
    private DatagramChannel client;

    @BeforeEach
    void openSockets() throws IOException {
        server = open();
        client = open();
    }

    @AfterEach
    void closeSockets() throws IOException {
        server.close();
        client.close();
    }

    @Test
    void perfectRelayForwardsBothWays() throws Exception {
        try (LossyUdpRelay relay = LossyUdpRelay.start(address(server), RelayConditions.PERFECT, 1)) {
            client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), relay.address());
            ByteBuffer received = ByteBuffer.allocate(100);
            SocketAddress from = server.receive(received);
            assertEquals(relay.address(), from);
            assertEquals(3, received.flip().remaining());
            server.send(ByteBuffer.wrap(new byte[] {4, 5}), relay.address());
            received.clear();
            assertEquals(relay.address(), client.receive(received));
            assertEquals(2, received.flip().remaining());
            // The relay counts a datagram as forwarded just after the send returns: give it a moment.
            awaitCounters(relay, LossyUdpRelay.Direction.TO_SERVER, new LossyUdpRelay.Counters(1, 1, 0, 0));
            awaitCounters(relay, LossyUdpRelay.Direction.TO_CLIENT, new LossyUdpRelay.Counters(1, 1, 0, 0));
        }
    }

    @Test
    void dropsRoughlyTheConfiguredFraction() throws Exception {
        int sent = 2_000;
        try (LossyUdpRelay relay = LossyUdpRelay.start(address(server), RelayConditions.PERFECT.withDrop(0.1), 42)) {
            for (int i = 0; i < sent; i++) {
                client.send(ByteBuffer.wrap(new byte[100]), relay.address());
            }
            int received = drain(server, Duration.ofMillis(300)).size();
            LossyUdpRelay.Counters counters = relay.counters(LossyUdpRelay.Direction.TO_SERVER);
            assertEquals(sent, counters.received());
            assertEquals(counters.forwarded(), received);
            double dropRate = counters.droppedAtRandom() / (double) sent;
            assertTrue(dropRate > 0.07 && dropRate < 0.13, "drop rate " + dropRate);
        }
    }

    @Test
    void delaysEachDatagram() throws Exception {
        try (LossyUdpRelay relay =
                LossyUdpRelay.start(address(server), RelayConditions.PERFECT.withDelay(Duration.ofMillis(40)), 1)) {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                client.send(ByteBuffer.wrap(new byte[10]), relay.address());
                server.configureBlocking(true);
                assertNotNull(server.receive(ByteBuffer.allocate(100)));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis >= 39 && millis < 1_000, "took " + millis + " ms"); // Generous: the box is shared.
            }
        }
    }

    @Test
    void reorderingLetsLaterDatagramsOvertake() throws Exception {
        try (LossyUdpRelay relay = LossyUdpRelay.start(
                address(server), RelayConditions.PERFECT.withReordering(0.2, Duration.ofMillis(5)), 7)) {
            for (int i = 0; i < 500; i++) {
                client.send(ByteBuffer.allocate(4).putInt(0, i), relay.address());
            }
            List<ByteBuffer> received = drain(server, Duration.ofMillis(300));
            assertEquals(500, received.size());
            // A held-back datagram arrives after one sent later than itself; about 20% of them should.
            int outOfOrder = 0;
            int highest = -1;
            for (ByteBuffer datagram : received) {
                int number = datagram.getInt(0);
                if (number < highest) {
                    outOfOrder++;
                }
                highest = Math.max(highest, number);
            }
            assertTrue(outOfOrder > 50 && outOfOrder < 150, outOfOrder + " out of order");
        }
    }

    @Test
    void bottleneckQueuesUpToItsLimitThenTailDrops() {
        // 1 MB/s: a 1,000-byte datagram occupies the link for 1 ms; the queue holds 20,000 bytes.
        LossyUdpRelay.Link link =
                new LossyUdpRelay.Link(RelayConditions.PERFECT.withRateLimit(1_000_000, 20_000), new Random(1));
        long now = 1_000_000_000L;
        int admitted = 0;
        long lastRelease = 0;
        for (int i = 0; i < 300; i++) {
            long release = link.admit(1_000, now);
            if (release >= 0) {
                admitted++;
                lastRelease = release;
            }
        }
        assertEquals(20, admitted);
        assertEquals(now + 20_000_000L, lastRelease); // Each admitted datagram leaves 1 ms after the one before.
        assertEquals(new LossyUdpRelay.Counters(300, 0, 0, 280), link.counters());
        // 10 ms later the link has sent 10 datagrams: room for 10 more, not 11.
        int later = 0;
        for (int i = 0; i < 11; i++) {
            later += link.admit(1_000, now + 10_000_000L) >= 0 ? 1 : 0;
        }
        assertEquals(10, later);
    }

    @Test
    void rateLimitHoldsThroughputOnTheWire() throws Exception {
        long rate = 1_000_000;
        int queue = 20_000;
        try (LossyUdpRelay relay =
                LossyUdpRelay.start(address(server), RelayConditions.PERFECT.withRateLimit(rate, queue), 1)) {
            // Offer 1 KB every 0.5 ms (2 MB/s) for 0.5 s, twice what the link passes.
            long start = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                client.send(ByteBuffer.wrap(new byte[1_000]), relay.address());
                long until = start + (i + 1) * 500_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LossyUdpRelay.Counters counters = relay.counters(LossyUdpRelay.Direction.TO_SERVER);
            // Never more than the rate plus what the queue held (a loaded box may offer less than asked).
            assertTrue(
                    counters.forwarded() * 1_000 <= rate * seconds + queue + 1_000, counters + " in " + seconds + " s");
            assertTrue(counters.forwarded() > 100, counters.toString());
            drain(server, Duration.ofMillis(100)); // The queue's last 20 ms leave.
            LossyUdpRelay.Counters after = relay.counters(LossyUdpRelay.Direction.TO_SERVER);
            assertEquals(after.received(), after.forwarded() + after.droppedByQueue(), after.toString());
            assertTrue(after.droppedByQueue() > 0, after.toString());
        }
    }

    @Test
    void dropsTheFirstDatagramsOfEachDirection() throws Exception {
        try (LossyUdpRelay relay = LossyUdpRelay.start(address(server), RelayConditions.PERFECT.withDropFirst(3), 1)) {
            for (int i = 0; i < 5; i++) {
                client.send(ByteBuffer.allocate(4).putInt(0, i), relay.address());
            }
            List<ByteBuffer> received = drain(server, Duration.ofMillis(300));
            assertEquals(List.of(3, 4), received.stream().map(b -> b.getInt(0)).toList());
            awaitCounters(relay, LossyUdpRelay.Direction.TO_SERVER, new LossyUdpRelay.Counters(5, 2, 0, 0, 3));
        }
    }

    @Test
    void silenceBlackHolesBothWaysThenThePathComesBack() throws Exception {
        try (LossyUdpRelay relay = LossyUdpRelay.start(address(server), RelayConditions.PERFECT, 1)) {
            client.send(ByteBuffer.wrap(new byte[] {1}), relay.address()); // The relay learns its client.
            assertEquals(1, drain(server, Duration.ofMillis(200)).size());
            relay.silence(Duration.ofMillis(500));
            client.send(ByteBuffer.wrap(new byte[] {2}), relay.address());
            server.send(ByteBuffer.wrap(new byte[] {3}), relay.address());
            assertEquals(0, drain(server, Duration.ofMillis(100)).size());
            assertEquals(0, drain(client, Duration.ofMillis(100)).size());
            // Once the silence is over (waited for as an event, generously), datagrams pass again.
            long deadline = System.nanoTime() + 30_000_000_000L;
            List<ByteBuffer> after = List.of();
            while (after.isEmpty() && System.nanoTime() < deadline) {
                client.send(ByteBuffer.wrap(new byte[] {4}), relay.address());
                after = drain(server, Duration.ofMillis(100));
            }
            assertEquals(4, after.get(0).get(0));
            // {2} and any {4} sent while still silent; {3} the other way.
            assertTrue(relay.counters(LossyUdpRelay.Direction.TO_SERVER).droppedOnPurpose() >= 1);
            assertEquals(1, relay.counters(LossyUdpRelay.Direction.TO_CLIENT).droppedOnPurpose());
        }
    }

    @Test
    void closeReleasesThePort() throws IOException {
        InetSocketAddress address;
        try (LossyUdpRelay relay = LossyUdpRelay.start(address(server), RelayConditions.PERFECT, 1)) {
            address = relay.address();
        }
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(address);
            assertEquals(address, again.getLocalAddress());
        }
    }

    private static void awaitCounters(
            LossyUdpRelay relay, LossyUdpRelay.Direction direction, LossyUdpRelay.Counters expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!relay.counters(direction).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(expected, relay.counters(direction));
    }

    private static DatagramChannel open() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        return channel;
    }

    private static InetSocketAddress address(DatagramChannel channel) throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Every datagram that arrives until none has for {@code quiet}. */
    private static List<ByteBuffer> drain(DatagramChannel channel, Duration quiet) throws Exception {
        channel.configureBlocking(false);
        List<ByteBuffer> received = new ArrayList<>();
        long lastArrival = System.nanoTime();
        while (System.nanoTime() - lastArrival < quiet.toNanos()) {
            ByteBuffer buffer = ByteBuffer.allocate(2_000);
            if (channel.receive(buffer) != null) {
                received.add(buffer.flip());
                lastArrival = System.nanoTime();
            } else {
                Thread.sleep(1);
            }
        }
        channel.configureBlocking(true);
        return received;
    }
}
