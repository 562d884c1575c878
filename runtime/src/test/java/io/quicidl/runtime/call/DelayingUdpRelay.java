package io.quicidl.runtime.call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A loopback UDP relay that delays every datagram by a fixed one-way delay, so that a round
 * trip takes long enough for 0-RTT to matter (on bare loopback the server's first flight
 * overtakes whatever the client writes after {@code connect()}). One client at a time. It
 * counts the client datagrams that carry 0-RTT packets, to show what went as early data.
 */
final class DelayingUdpRelay implements AutoCloseable {
    private final DatagramChannel clientSide;
    private final DatagramChannel serverSide;
    private final long delayNanos;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    private final Thread fromClients;
    private final Thread fromServer;
    private volatile SocketAddress client;
    private final java.util.concurrent.atomic.AtomicInteger zeroRttDatagrams =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger heldBack = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean holdBackServerShortHeaders;
    private volatile long clientBatchWindowNanos;
    /** Client datagrams collected for one back-to-back release; guarded by itself. */
    private final java.util.List<ByteBuffer> clientBatch = new java.util.ArrayList<>();

    DelayingUdpRelay(int serverPort, Duration oneWayDelay) {
        try {
            clientSide = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            serverSide = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            serverSide.connect(new InetSocketAddress("127.0.0.1", serverPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delayNanos = oneWayDelay.toNanos();
        fromClients = pump("relay-from-clients", clientSide, true);
        fromServer = pump("relay-from-server", serverSide, false);
    }

    /** Datagrams from clients that carried a 0-RTT packet, since the relay started or the last call. */
    int takeZeroRttDatagrams() {
        return zeroRttDatagrams.getAndSet(0);
    }

    /**
     * While on, drops every datagram from the server that starts with a short-header (1-RTT)
     * packet: the client gets the server's handshake flight and nothing after it (no
     * HANDSHAKE_DONE).
     */
    void holdBackServerShortHeaders(boolean on) {
        holdBackServerShortHeaders = on;
    }

    /**
     * While on, client datagrams that arrive within {@code window} of the first of them are
     * forwarded together, back to back, so that the server reads them in one go: a resuming
     * client's Initial with the 0-RTT datagrams it sent right after.
     */
    void batchClientDatagrams(Duration window) {
        clientBatchWindowNanos = window.toNanos();
    }

    /** Datagrams dropped by {@link #holdBackServerShortHeaders}. */
    int heldBack() {
        return heldBack.get();
    }

    /** Where clients connect. */
    int port() {
        return ((InetSocketAddress) localAddress(clientSide)).getPort();
    }

    private static SocketAddress localAddress(DatagramChannel channel) {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Thread pump(String name, DatagramChannel from, boolean fromClient) {
        Thread thread = new Thread(
                () -> {
                    ByteBuffer buffer = ByteBuffer.allocate(65_536);
                    try {
                        while (true) {
                            buffer.clear();
                            SocketAddress source;
                            try {
                                source = from.receive(buffer);
                            } catch (java.net.PortUnreachableException e) {
                                continue; // the server is restarting
                            }
                            if (fromClient) {
                                client = source;
                            }
                            buffer.flip();
                            if (!fromClient
                                    && holdBackServerShortHeaders
                                    && buffer.hasRemaining()
                                    && (buffer.get(0) & 0x80) == 0) {
                                heldBack.incrementAndGet();
                                continue;
                            }
                            if (fromClient && startsWithZeroRttPacket(buffer.duplicate())) {
                                zeroRttDatagrams.incrementAndGet();
                            }
                            ByteBuffer copy = ByteBuffer.allocate(buffer.remaining())
                                    .put(buffer)
                                    .flip();
                            if (fromClient && clientBatchWindowNanos > 0) {
                                addToClientBatch(copy);
                            } else {
                                sender.schedule(() -> forward(copy, fromClient), delayNanos, TimeUnit.NANOSECONDS);
                            }
                        }
                    } catch (ClosedChannelException e) {
                        // closed: done
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void addToClientBatch(ByteBuffer datagram) {
        synchronized (clientBatch) {
            if (clientBatch.isEmpty()) {
                sender.schedule(this::releaseClientBatch, delayNanos + clientBatchWindowNanos, TimeUnit.NANOSECONDS);
            }
            clientBatch.add(datagram);
        }
    }

    private void releaseClientBatch() {
        List<ByteBuffer> batch;
        synchronized (clientBatch) {
            batch = new java.util.ArrayList<>(clientBatch);
            clientBatch.clear();
        }
        for (ByteBuffer datagram : batch) {
            forward(datagram, true);
        }
    }

    /**
     * Whether a datagram holds a 0-RTT packet: walks the coalesced long-header packets (RFC 9000
     * §17.2) up to the first short-header (1-RTT) packet or padding.
     */
    static boolean startsWithZeroRttPacket(ByteBuffer datagram) {
        while (datagram.remaining() > 7) {
            int first = datagram.get() & 0xff;
            if ((first & 0x80) == 0) {
                return false;
            }
            int type = (first & 0x30) >> 4;
            if (type == 1) {
                return true;
            }
            datagram.getInt();
            int destinationIdLength = datagram.get() & 0xff;
            datagram.position(datagram.position() + destinationIdLength);
            int sourceIdLength = datagram.get() & 0xff;
            datagram.position(datagram.position() + sourceIdLength);
            if (type == 0) {
                long tokenLength = varint(datagram);
                datagram.position(datagram.position() + (int) tokenLength);
            }
            long length = varint(datagram);
            datagram.position((int) Math.min(datagram.limit(), datagram.position() + length));
        }
        return false;
    }

    private static long varint(ByteBuffer b) {
        int first = b.get() & 0xff;
        int n = 1 << (first >> 6);
        long v = first & 0x3f;
        for (int i = 1; i < n; i++) {
            v = (v << 8) | (b.get() & 0xff);
        }
        return v;
    }

    private void forward(ByteBuffer datagram, boolean fromClient) {
        try {
            if (fromClient) {
                serverSide.write(datagram);
            } else if (client != null) {
                clientSide.send(datagram, client);
            }
        } catch (IOException e) {
            // A lost datagram: QUIC recovers.
        }
    }

    @Override
    public void close() {
        try {
            clientSide.close();
            serverSide.close();
            fromClients.join(1_000);
            fromServer.join(1_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sender.shutdownNow();
        }
    }
}
