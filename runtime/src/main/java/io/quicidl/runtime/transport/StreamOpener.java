package io.quicidl.runtime.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicException;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.FrameDecoder;
import io.quicidl.runtime.wire.StreamIds;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * Opens this side's call streams. Netty fails {@code createStream} at once when the peer's stream
 * credit is used up (NETTY-QUIC-NOTES: streams), so opens queue here until a
 * {@code QuicStreamLimitChangedEvent} gives credit (SPEC.md §7.3); on a client, calls that may not
 * go out as 0-RTT early data also queue until the handshake completes (SPEC.md §9). Remembers the
 * next unused stream ids, which a client's GOAWAY names (SPEC.md §6.3).
 *
 * <p>Everything runs on the connection's event loop: {@link #open} hops onto it, and the queues
 * and counters are confined to it.
 */
final class StreamOpener {
    private final QuicConnection connection;
    /** Opens that may go out now, waiting only for stream credit. */
    private final Queue<PendingOpen> pendingOpens = new ArrayDeque<>();
    /** Client: calls that may not go out as early data, waiting for the handshake (SPEC.md §9). */
    private final Queue<PendingOpen> awaitingHandshake = new ArrayDeque<>();

    private long nextLocalBidi;
    private long nextLocalUni;

    private record PendingOpen(
            boolean bidirectional, boolean replayable, StreamListener listener, CompletableFuture<StreamPort> future) {}

    StreamOpener(QuicConnection connection) {
        this.connection = connection;
    }

    /** Opens a call stream, or fails with UNAVAILABLE when this side starts no more calls. See {@link CallConnection#openStream}. */
    CompletableFuture<StreamPort> open(boolean bidirectional, StreamListener listener, boolean replayable) {
        CompletableFuture<StreamPort> future = new CompletableFuture<>();
        connection.onLoop(() -> {
            CloseHandshake closer = connection.closer();
            if (closer.refusesLocalStreams()) {
                future.completeExceptionally(new StatusException(StatusCode.UNAVAILABLE, closer.closedReason()));
                return;
            }
            PendingOpen pending = new PendingOpen(bidirectional, replayable && bidirectional, listener, future);
            ConnectionHandshake handshake = connection.handshakeState();
            if (connection.isClient()
                    && !handshake.isDone()
                    && !(pending.replayable() && handshake.isEarlyDataReady())) {
                awaitingHandshake.add(pending);
                return;
            }
            pendingOpens.add(pending);
            openPending();
        });
        return future;
    }

    /** The handshake completed: the opens that waited for it may go now. */
    void handshakeCompleted() {
        PendingOpen waiting;
        while ((waiting = awaitingHandshake.poll()) != null) {
            pendingOpens.add(waiting);
        }
        openPending();
    }

    /** The peer gave more stream credit. */
    void creditChanged() {
        openPending();
    }

    /** Whether no open is waiting. */
    boolean isIdle() {
        return pendingOpens.isEmpty() && awaitingHandshake.isEmpty();
    }

    /** Fails every waiting open with UNAVAILABLE: the connection closed, or the peer is going away. */
    void failWaiting(String description) {
        PendingOpen pending;
        while ((pending = pendingOpens.poll()) != null || (pending = awaitingHandshake.poll()) != null) {
            pending.future().completeExceptionally(new StatusException(StatusCode.UNAVAILABLE, description));
        }
    }

    /** The id of the next bidirectional call stream this side would open. */
    long nextBidiId() {
        return nextLocalBidi;
    }

    /** The id of the next unidirectional call stream this side would open (the control stream does not count). */
    long nextUniId() {
        return nextLocalUni;
    }

    /** Opens queued streams while the peer gives credit; the rest wait for QuicStreamLimitChangedEvent. */
    private void openPending() {
        QuicChannel channel = connection.channel();
        PendingOpen pending;
        while ((pending = pendingOpens.peek()) != null) {
            QuicStreamType type =
                    pending.bidirectional() ? QuicStreamType.BIDIRECTIONAL : QuicStreamType.UNIDIRECTIONAL;
            // In early data Netty has not counted the peer's credit yet (it stays 0 until the
            // first packet from the server): QUIC checks the remembered limit itself, and a stream
            // over it fails and waits for the handshake (openNow).
            boolean early =
                    connection.isClient() && !connection.handshakeState().isDone();
            if (!early && channel.peerAllowedStreams(type) <= 0) {
                return;
            }
            pendingOpens.poll();
            openNow(pending);
        }
    }

    private void openNow(PendingOpen pending) {
        NettyStreamPort[] portHolder = new NettyStreamPort[1];
        QuicStreamType type = pending.bidirectional() ? QuicStreamType.BIDIRECTIONAL : QuicStreamType.UNIDIRECTIONAL;
        Limits limits = connection.context().limits();
        connection
                .channel()
                .newStreamBootstrap()
                .type(type)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel stream) {
                        NettyStreamPort port = new NettyStreamPort(connection, stream, pending.listener());
                        portHolder[0] = port;
                        stream.pipeline()
                                .addLast(
                                        new FrameDecoder(limits.maxMessageBytes(), limits.maxControlFrameBytes()),
                                        port);
                    }
                })
                .create()
                .addListener((Future<QuicStreamChannel> f) -> {
                    ConnectionHandshake handshake = connection.handshakeState();
                    if (f.isSuccess()) {
                        NettyStreamPort port = portHolder[0];
                        long id = port.streamId();
                        if (pending.bidirectional()) {
                            nextLocalBidi = Math.max(nextLocalBidi, StreamIds.next(id));
                        } else {
                            nextLocalUni = Math.max(nextLocalUni, StreamIds.next(id));
                        }
                        connection.calls().add(port);
                        boolean early = connection.isClient() && !handshake.isDone();
                        if (early) {
                            handshake.earlyStreamOpened();
                        }
                        connection.record(WireEvent.Type.STREAM_OPENED, id, 0, early ? "0-RTT" : "");
                        connection.liveness().start();
                        pending.future().complete(port);
                    } else if (f.cause() instanceof QuicException) {
                        // Credit ran out between the check and the open: wait for more. In early
                        // data nothing was checked (see openPending): wait for the handshake.
                        (connection.isClient() && !handshake.isDone() ? awaitingHandshake : pendingOpens).add(pending);
                    } else {
                        pending.future()
                                .completeExceptionally(new StatusException(
                                        StatusCode.UNAVAILABLE, "cannot open a stream: " + f.cause()));
                    }
                });
    }
}
