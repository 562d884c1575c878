package io.quicidl.runtime.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.concurrent.Future;
import io.quicidl.runtime.StatusCode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Opens a client's QUIC connection over a bound datagram channel. */
public final class ClientConnector {
    private ClientConnector() {}

    /** A connected client connection. */
    public record Connected(QuicChannel quicChannel, QuicConnection connection) {
        /** SPEC.md §6.3 client close; completes when the connection is closed. */
        public CompletableFuture<Void> closeGracefully(Duration grace) {
            return connection.closeGracefully(grace.toNanos());
        }
    }

    /**
     * Connects to {@code address}, waiting at most {@code handshakeTimeout} for the handshake.
     *
     * @throws StreamOpenException UNAVAILABLE, saying why, when it fails
     */
    public static Connected connect(Channel datagram, EndpointContext context, InetSocketAddress address,
            String serverName, Duration handshakeTimeout) {
        QuicConnection connection = new QuicConnection(context);
        Future<QuicChannel> future = QuicChannel.newBootstrap(datagram)
                .handler(connection)
                .streamOption(ChannelOption.AUTO_READ, false)
                .streamHandler(QuicConnection.peerStreamInitializer(context.limits()))
                .remoteAddress(address)
                .connect();
        if (!future.awaitUninterruptibly(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            future.cancel(false);
            throw new StreamOpenException(StatusCode.UNAVAILABLE, "cannot connect to " + address
                    + ": no handshake within " + handshakeTimeout.toMillis() + " ms");
        }
        if (!future.isSuccess()) {
            throw new StreamOpenException(StatusCode.UNAVAILABLE, "cannot connect to " + address + " (" + serverName
                    + "): " + describe(future.cause()));
        }
        return new Connected(future.getNow(), connection);
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder(String.valueOf(cause));
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            text.append(" caused by ").append(c);
        }
        return text.toString();
    }
}
