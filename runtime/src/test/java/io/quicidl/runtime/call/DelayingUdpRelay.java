package io.quicidl.runtime.call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A loopback UDP relay that delays every datagram by a fixed one-way delay, so that a round
 * trip takes long enough for 0-RTT to matter (on bare loopback the server's first flight
 * overtakes whatever the client writes after {@code connect()}). One client at a time.
 */
final class DelayingUdpRelay implements AutoCloseable {
    private final DatagramChannel clientSide;
    private final DatagramChannel serverSide;
    private final long delayNanos;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    private final Thread fromClients;
    private final Thread fromServer;
    private volatile SocketAddress client;

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
        Thread thread = new Thread(() -> {
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
                    ByteBuffer copy = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
                    sender.schedule(() -> forward(copy, fromClient), delayNanos, TimeUnit.NANOSECONDS);
                }
            } catch (ClosedChannelException e) {
                // closed: done
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
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
