package io.quicidl.runtime.transport;

import io.netty.handler.codec.quic.QuicChannel;
import io.quicidl.runtime.HandshakeInfo;
import io.quicidl.runtime.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The TLS handshake of one connection and what 0-RTT changes about it (SPEC.md §9): whether the
 * client may send early data, whether the handshake has completed, what waits for it, and (server)
 * asking Netty for streams that arrive as early data.
 *
 * <p>Confined to the connection's event loop: Netty's handshake events, the stream opener and the
 * peer streams' routers all run there. Only the futures are read from other threads (the client
 * waits on {@link #usable()} while it connects).
 */
final class ConnectionHandshake {
    private final QuicConnection connection;
    private boolean done;
    /** Client: the TLS stack resumed a session and 0-RTT early data may be sent until the handshake completes. */
    private boolean earlyDataReady;
    /** Client: streams opened as 0-RTT early data. */
    private int earlyStreams;
    /** Completes with what the handshake was when it has completed. */
    private final CompletableFuture<HandshakeInfo> completed = new CompletableFuture<>();
    /** Client: completes when early data may be sent, or when the handshake completed without it. */
    private final CompletableFuture<Void> usable = new CompletableFuture<>();
    /**
     * Client: completes when the server's SETTINGS arrive, the proof that the server completed its
     * side of the handshake too: with TLS 1.3 it may still refuse a client certificate after ours.
     */
    private final CompletableFuture<Void> peerAccepted = new CompletableFuture<>();
    /** Server: runs once the handshake has completed; for calls held off early data. */
    private final List<Runnable> afterHandshake = new ArrayList<>();

    ConnectionHandshake(QuicConnection connection) {
        this.connection = connection;
    }

    /**
     * Server: Netty reads a connection's streams only once asked to read, which its auto-read
     * does first at channelActive (handshake complete). Asking as soon as the connection exists
     * surfaces streams that arrive as 0-RTT early data, so that {@code @idempotent} calls run and
     * answer in 0.5-RTT (SPEC.md §9, §10; NETTY-QUIC-NOTES: 0-RTT). Asking once is enough: after
     * each read that surfaced a stream, auto-read asks again, active or not.
     */
    void readEarlyStreams() {
        QuicChannel channel = connection.channel();
        if (done || !channel.isOpen()) {
            return;
        }
        if (channel.isRegistered()) {
            channel.read();
        } else {
            connection.eventLoop().execute(this::readEarlyStreams);
        }
    }

    /**
     * Client: until the handshake completes, looks every millisecond whether quiche has completed
     * it, so that the connection becomes active then rather than when the next packet arrives
     * ({@link EstablishedCheck}).
     */
    void watchEstablished() {
        QuicChannel channel = connection.channel();
        if (done || !channel.isOpen() || !EstablishedCheck.available()) {
            return;
        }
        if (channel.isRegistered()) {
            EstablishedCheck.run(channel);
        }
        if (!done) {
            connection.eventLoop().schedule(this::watchEstablished, 1, TimeUnit.MILLISECONDS);
        }
    }

    /** Client: the TLS stack will send early data on a resumed session. */
    void onEarlyDataReady() {
        earlyDataReady = true;
        // Netty fires this inside its send path, where stream writes would leave in 1-RTT
        // packets; calls started from now on are written from later tasks.
        connection.eventLoop().execute(() -> usable.complete(null));
    }

    /** Whether early data may be (or was) sent on this connection: the client resumed a session with it. */
    boolean isEarlyDataReady() {
        return earlyDataReady;
    }

    /** Client: one more stream went out as early data. */
    void earlyStreamOpened() {
        earlyStreams++;
    }

    /** The handshake completed: completes the futures, releases the opens and calls that waited for it. */
    void completed() {
        if (done) {
            return;
        }
        done = true;
        boolean resumed = SessionReuse.of(connection.channel());
        completed.complete(new HandshakeInfo(resumed, earlyDataReady, earlyDataReady && resumed, earlyStreams));
        usable.complete(null);
        connection.opener().handshakeCompleted();
        List<Runnable> held = List.copyOf(afterHandshake);
        afterHandshake.clear();
        for (Runnable task : held) {
            task.run();
        }
    }

    /** Whether the TLS handshake has completed. */
    boolean isDone() {
        return done;
    }

    /** Server: runs {@code task} on the event loop once the handshake has completed (at once if it has). */
    void afterHandshake(Runnable task) {
        if (done) {
            task.run();
        } else {
            afterHandshake.add(task);
        }
    }

    /** Completes with what the handshake was (resumption, early data) once it has completed. */
    CompletableFuture<HandshakeInfo> info() {
        return completed;
    }

    /** Client: completes when calls may be started: early data is possible, or the handshake completed. */
    CompletableFuture<Void> usable() {
        return usable;
    }

    /** The peer's SETTINGS arrived. */
    void peerSettingsReceived() {
        peerAccepted.complete(null);
    }

    /** Completes when the peer's SETTINGS arrived: it completed the handshake and accepted us. */
    CompletableFuture<Void> peerAccepted() {
        return peerAccepted;
    }

    /** The connection closed: drops held work; a handshake still pending fails with {@code lost}. */
    void connectionClosed(StatusException lost) {
        afterHandshake.clear();
        completed.completeExceptionally(lost);
        usable.completeExceptionally(lost);
        peerAccepted.completeExceptionally(lost);
    }
}
