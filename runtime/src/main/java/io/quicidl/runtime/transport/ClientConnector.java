package io.quicidl.runtime.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.util.concurrent.Future;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens a client's QUIC connection over a bound datagram channel. */
public final class ClientConnector {
    private ClientConnector() {}

    /** A connected client connection (possibly still completing its handshake, see {@link #connect}). */
    public record Connected(QuicConnection connection) {
        /** SPEC.md §6.3 client close; completes when the connection is closed. */
        public CompletableFuture<Void> closeGracefully(Duration grace) {
            return connection.closeGracefully(grace.toNanos());
        }
    }

    /**
     * Connects to {@code address}, waiting at most {@code handshakeTimeout} for the handshake, or
     * only until 0-RTT early data may be sent when the TLS context resumes a session with it
     * (then calls that may not be early wait for the handshake inside the connection).
     *
     * @throws StatusException UNAVAILABLE, saying why, when it fails
     */
    public static Connected connect(
            Channel datagram,
            EndpointContext context,
            InetSocketAddress address,
            String serverName,
            Duration handshakeTimeout) {
        QuicConnection connection = new QuicConnection(context);
        Future<QuicChannel> future = QuicChannel.newBootstrap(datagram)
                .handler(connection)
                .option(
                        QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR,
                        UdpTransport.current().segmentedAllocator())
                .streamOption(ChannelOption.AUTO_READ, false)
                .streamHandler(QuicConnection.peerStreamInitializer(context.limits()))
                .remoteAddress(address)
                .connect();
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        future.addListener(f -> {
            if (!f.isSuccess()) {
                handshake.completeExceptionally(f.cause());
            }
        });
        // The handshake completed (the connection saw it, not only Netty's connect future), or
        // early data is possible on a resumed session: the caller may start calls now.
        connection.usable().whenComplete((v, e) -> {
            if (e == null) {
                handshake.complete(null);
            }
        });
        // A failed handshake (e.g. a rejected certificate) closes the connection without failing
        // the connect future at once: watch the close too, so the caller learns why without waiting.
        connection
                .closeFuture()
                .whenComplete((v, e) ->
                        handshake.completeExceptionally(new IllegalStateException(connection.closeDescription())));
        try {
            handshake.get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Connected(connection);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new StatusException(
                    StatusCode.UNAVAILABLE,
                    "cannot connect to " + address + ": no handshake within " + handshakeTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new StatusException(
                    StatusCode.UNAVAILABLE,
                    "cannot connect to " + address + " (" + serverName + "): " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new StatusException(StatusCode.UNAVAILABLE, "interrupted while connecting to " + address);
        }
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder(String.valueOf(cause));
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            text.append(" caused by ").append(c);
        }
        return text.toString();
    }
}
