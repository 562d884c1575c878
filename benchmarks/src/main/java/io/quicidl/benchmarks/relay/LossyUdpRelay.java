package io.quicidl.benchmarks.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A userspace UDP relay on loopback that makes a path lossy, slow and out of order: the benchmarks'
 * stand-in for netem, which this kernel lacks. It listens on 127.0.0.1 (an ephemeral port), learns
 * its one client from the first datagram that does not come from the target, and forwards every
 * datagram between that client and the target, applying each direction's {@link RelayConditions}.
 *
 * <p>Two threads: one receives, decides each datagram's fate (random or scripted drop, bottleneck queue,
 * delay, reordering) and schedules its release; the other sends datagrams when their time comes.
 * Datagrams from any other address are ignored. Memory is bounded: a bottleneck queue holds at
 * most its {@code queueBytes}, and all datagrams held at once at most {@value #MAX_HELD_BYTES}
 * bytes. The random choices come from a seeded {@link Random} per direction, so a run with the
 * same traffic makes the same choices. {@link #close()} stops both threads and frees the port.
 */
public final class LossyUdpRelay implements AutoCloseable {
    /** A bound on the bytes waiting for release, whatever the conditions (delay × rate can be large). */
    static final int MAX_HELD_BYTES = 32 << 20;

    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private static final int MAX_DATAGRAM_BYTES = 65_535;

    /** The two directions of the relayed path. */
    public enum Direction {
        TO_SERVER,
        TO_CLIENT
    }

    /**
     * What one direction did so far.
     *
     * @param received datagrams that reached the relay
     * @param forwarded datagrams sent on
     * @param droppedAtRandom datagrams dropped by the loss probability
     * @param droppedByQueue datagrams dropped because the bottleneck queue (or the relay's memory bound) was full
     * @param droppedOnPurpose datagrams dropped by a script: the first ones ({@link
     *     RelayConditions#dropFirst()}) or during a {@link #silence}
     */
    public record Counters(
            long received, long forwarded, long droppedAtRandom, long droppedByQueue, long droppedOnPurpose) {
        /** Counters of a direction that dropped nothing on purpose. */
        public Counters(long received, long forwarded, long droppedAtRandom, long droppedByQueue) {
            this(received, forwarded, droppedAtRandom, droppedByQueue, 0);
        }

        /** All datagrams dropped, for any reason. */
        public long dropped() {
            return droppedAtRandom + droppedByQueue + droppedOnPurpose;
        }
    }

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final Link toServer;
    private final Link toClient;
    private final DelayQueue<Held> held = new DelayQueue<>();
    private final AtomicLong heldBytes = new AtomicLong();
    private final Thread receiver;
    private final Thread releaser;
    private volatile SocketAddress client;
    private volatile boolean closed;
    /** Until when (System.nanoTime) the path is a black hole; see {@link #silence}. */
    private volatile long silentUntilNanos;

    private volatile boolean silent;
    private long sequence;

    private LossyUdpRelay(
            DatagramChannel channel,
            InetSocketAddress target,
            RelayConditions toServer,
            RelayConditions toClient,
            long seed) {
        this.channel = channel;
        this.target = target;
        this.toServer = new Link(toServer, new Random(seed));
        this.toClient = new Link(toClient, new Random(seed * 31 + 17));
        int port = ((InetSocketAddress) localAddressOf(channel)).getPort();
        this.receiver = new Thread(this::receiveLoop, "lossy-relay-receive-" + port);
        this.releaser = new Thread(this::releaseLoop, "lossy-relay-release-" + port);
        receiver.setDaemon(true);
        releaser.setDaemon(true);
    }

    /** Starts a relay to {@code target} on 127.0.0.1 with an ephemeral port; see {@link #address()}. */
    public static LossyUdpRelay start(
            InetSocketAddress target, RelayConditions toServer, RelayConditions toClient, long seed) {
        return start(target, toServer, toClient, seed, 0);
    }

    /**
     * Starts a relay to {@code target} on 127.0.0.1:{@code port} (0: an ephemeral port), e.g. the
     * port of a closed relay, where clients resuming TLS sessions expect their server.
     */
    public static LossyUdpRelay start(
            InetSocketAddress target, RelayConditions toServer, RelayConditions toClient, long seed, int port) {
        Objects.requireNonNull(target, "target");
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open();
            // Big socket buffers: the kernel must not add loss of its own to the configured loss.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(new InetSocketAddress("127.0.0.1", port));
            LossyUdpRelay relay = new LossyUdpRelay(channel, target, toServer, toClient, seed);
            relay.receiver.start();
            relay.releaser.start();
            return relay;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot start the relay", e);
        }
    }

    /** Starts a relay that treats both directions alike. */
    public static LossyUdpRelay start(InetSocketAddress target, RelayConditions bothWays, long seed) {
        return start(target, bothWays, bothWays, seed);
    }

    /** Where clients send to reach the target through the relay. */
    public InetSocketAddress address() {
        return (InetSocketAddress) localAddressOf(channel);
    }

    /** What {@code direction} did so far. */
    public Counters counters(Direction direction) {
        return (direction == Direction.TO_SERVER ? toServer : toClient).counters();
    }

    /**
     * Makes the path a black hole both ways for {@code duration} from now: datagrams arriving in
     * that time, and those already held that come due in it, are dropped (counted as dropped on
     * purpose). Then the path carries traffic again under its conditions.
     */
    public void silence(Duration duration) {
        silentUntilNanos = System.nanoTime() + duration.toNanos();
        silent = true;
    }

    private boolean silentNow() {
        if (silent && System.nanoTime() - silentUntilNanos >= 0) {
            silent = false;
        }
        return silent;
    }

    /**
     * Waits until every datagram held has been released (at most {@code limit}), then closes: so
     * that a client's last words, such as its CONNECTION_CLOSE, still reach the server.
     */
    public void drainAndClose(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (heldBytes.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Stops both threads and closes the socket; datagrams still held are dropped. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(channel);
        releaser.interrupt();
        try {
            receiver.join(2_000);
            releaser.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        held.clear();
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
        while (!closed) {
            SocketAddress from;
            try {
                buffer.clear();
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. ICMP port unreachable reported on the socket: keep relaying.
            }
            buffer.flip();
            SocketAddress destination;
            Link link;
            if (from.equals(target)) {
                destination = client;
                link = toClient;
                if (destination == null) {
                    continue; // Nobody to forward to yet.
                }
            } else {
                if (client == null) {
                    client = from;
                } else if (!client.equals(from)) {
                    continue; // One client per relay.
                }
                destination = target;
                link = toServer;
            }
            if (silentNow()) {
                link.received.incrementAndGet();
                link.droppedOnPurpose.incrementAndGet();
                continue;
            }
            ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
            copy.put(buffer).flip();
            long releaseAt = link.admit(copy.remaining(), System.nanoTime());
            if (releaseAt < 0) {
                continue;
            }
            if (heldBytes.addAndGet(copy.remaining()) > MAX_HELD_BYTES) {
                heldBytes.addAndGet(-copy.remaining());
                link.droppedByQueue.incrementAndGet();
                continue;
            }
            held.add(new Held(copy, destination, link, releaseAt, sequence++));
        }
    }

    private void releaseLoop() {
        while (!closed) {
            Held datagram;
            try {
                datagram = held.take();
            } catch (InterruptedException e) {
                return;
            }
            heldBytes.addAndGet(-datagram.data.remaining());
            if (silentNow()) {
                datagram.link.droppedOnPurpose.incrementAndGet();
                continue;
            }
            try {
                channel.send(datagram.data, datagram.destination);
                datagram.link.forwarded.incrementAndGet();
            } catch (ClosedChannelException e) { // Includes ClosedByInterruptException from close().
                return;
            } catch (IOException e) {
                // A send that fails is one more lost datagram; the path stays up.
                datagram.link.droppedByQueue.incrementAndGet();
            }
        }
    }

    private static SocketAddress localAddressOf(DatagramChannel channel) {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    /** One direction's state: its conditions, its random choices, its bottleneck and its counters. */
    static final class Link {
        private final RelayConditions conditions;
        private final Random random;
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong forwarded = new AtomicLong();
        private final AtomicLong droppedAtRandom = new AtomicLong();
        private final AtomicLong droppedByQueue = new AtomicLong();
        private final AtomicLong droppedOnPurpose = new AtomicLong();
        /** When the bottleneck finishes sending what it has queued (receive thread only). */
        private long linkFreeAtNanos;

        Link(RelayConditions conditions, Random random) {
            this.conditions = conditions;
            this.random = random;
        }

        /**
         * Decides a datagram's fate: the time to release it, or -1 when it is dropped. The
         * bottleneck is modelled as a link busy until {@code linkFreeAtNanos}; the bytes it still
         * has to send are its queue. Receive thread only.
         */
        long admit(int bytes, long now) {
            if (received.incrementAndGet() <= conditions.dropFirst()) {
                droppedOnPurpose.incrementAndGet();
                return -1;
            }
            if (conditions.dropProbability() > 0 && random.nextDouble() < conditions.dropProbability()) {
                droppedAtRandom.incrementAndGet();
                return -1;
            }
            long departure = now;
            long rate = conditions.rateBytesPerSecond();
            if (rate > 0) {
                long start = Math.max(now, linkFreeAtNanos);
                long queuedBytes = (start - now) * rate / 1_000_000_000L;
                if (queuedBytes + bytes > conditions.queueBytes()) {
                    droppedByQueue.incrementAndGet();
                    return -1;
                }
                departure = start + bytes * 1_000_000_000L / rate;
                linkFreeAtNanos = departure;
            }
            long release = departure + conditions.delay().toNanos();
            if (conditions.reorderFraction() > 0 && random.nextDouble() < conditions.reorderFraction()) {
                release += conditions.reorderDelay().toNanos();
            }
            return release;
        }

        Counters counters() {
            return new Counters(
                    received.get(),
                    forwarded.get(),
                    droppedAtRandom.get(),
                    droppedByQueue.get(),
                    droppedOnPurpose.get());
        }
    }

    /** A datagram waiting for its release time; ties keep arrival order. */
    private static final class Held implements Delayed {
        private final ByteBuffer data;
        private final SocketAddress destination;
        private final Link link;
        private final long releaseAtNanos;
        private final long sequence;

        Held(ByteBuffer data, SocketAddress destination, Link link, long releaseAtNanos, long sequence) {
            this.data = data;
            this.destination = destination;
            this.link = link;
            this.releaseAtNanos = releaseAtNanos;
            this.sequence = sequence;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(releaseAtNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Held that = (Held) other;
            int byTime = Long.compare(releaseAtNanos - that.releaseAtNanos, 0); // nanoTime values compare by difference
            return byTime != 0 ? byTime : Long.compare(sequence, that.sequence);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Held that && sequence == that.sequence;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sequence);
        }
    }
}
