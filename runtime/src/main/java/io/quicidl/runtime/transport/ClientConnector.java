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
import javax.net.ssl.SSLHandshakeException;

/** Opens a client's QUIC connection over a bound datagram channel. */
public final class ClientConnector {
    /** How long an abandoned connect waits for its connection to close. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;

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
     * (then calls that may not be early wait for the handshake inside the connection). With
     * {@code awaitServerAcceptance} (the client shows a certificate) it also waits for the
     * server's SETTINGS: with TLS 1.3 the server checks a client certificate only after the
     * client's handshake is done, and may still refuse it.
     *
     * @throws StatusException UNAVAILABLE, saying why, when it fails; a failed handshake fails at
     *     once, not at the timeout
     */
    public static Connected connect(
            Channel datagram,
            EndpointContext context,
            InetSocketAddress address,
            String serverName,
            Duration handshakeTimeout,
            boolean awaitServerAcceptance) {
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
        // early data is possible on a resumed session: the caller may start calls now. A refusal
        // by the server (its CONNECTION_CLOSE with a TLS alert) fails these futures at once.
        CompletableFuture<Void> ready = awaitServerAcceptance
                ? connection
                        .usable()
                        .thenCompose(v -> connection.handshakeState().peerAccepted())
                : connection.usable();
        ready.whenComplete((v, e) -> {
            if (e == null) {
                handshake.complete(null);
            } else {
                handshake.completeExceptionally(e);
            }
        });
        connection
                .closeFuture()
                .whenComplete((v, e) ->
                        handshake.completeExceptionally(new IllegalStateException(connection.closeDescription())));
        try {
            handshake.get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Connected(connection);
        } catch (TimeoutException e) {
            abandon(connection);
            throw new StatusException(
                    StatusCode.UNAVAILABLE,
                    "cannot connect to " + address + ": no handshake within " + handshakeTimeout.toMillis()
                            + " ms: no QUIC server answered there (is a server listening on that UDP port?)");
        } catch (ExecutionException e) {
            String reason = describe(e.getCause(), refusal(connection));
            abandon(connection);
            throw new StatusException(
                    StatusCode.UNAVAILABLE, "cannot connect to " + address + " (" + serverName + "): " + reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(connection);
            throw new StatusException(StatusCode.UNAVAILABLE, "interrupted while connecting to " + address);
        }
    }

    /**
     * Closes a connection that will not be used, and waits (briefly) until it has closed. Netty
     * then fails its own connect promise; cancelling that promise instead made Netty's later
     * completion of it log "complete already".
     */
    private static void abandon(QuicConnection connection) {
        QuicChannel channel = connection.channel();
        if (channel == null) {
            return;
        }
        channel.close();
        try {
            connection.closeFuture().get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closed or not, the caller fails the connect either way.
        }
    }

    /** Why this client's trust policy refused the server's certificate, or null. */
    private static RecordingTrustManager.Refusal refusal(QuicConnection connection) {
        QuicChannel channel = connection.channel();
        return channel == null ? null : RecordingTrustManager.refusal(channel.sslEngine());
    }

    /**
     * The cause as people read it; a TLS failure of our own check says what it means, with the
     * trust policy's own reason when it refused the certificate ({@code refusal}, may be null).
     */
    private static String describe(Throwable cause, RecordingTrustManager.Refusal refusal) {
        StringBuilder text = new StringBuilder();
        if (cause instanceof SSLHandshakeException) {
            text.append("TLS handshake failed: ");
            if (refusal != null) {
                return text.append("the server's certificate (subject ")
                        .append(refusal.subject())
                        .append(") is not trusted by this client's trust policy: ")
                        .append(refusal.reason())
                        .toString();
            }
            if (String.valueOf(cause.getMessage()).contains("CERTIFICATE_VERIFY_FAILED")) {
                text.append("the server's certificate is not trusted by this client's trust policy: ");
            }
        } else if (cause instanceof StatusException status) {
            return status.description();
        }
        text.append(cause);
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            text.append(" caused by ").append(c);
        }
        return text.toString();
    }
}
