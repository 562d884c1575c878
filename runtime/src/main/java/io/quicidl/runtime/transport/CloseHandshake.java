package io.quicidl.runtime.transport;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.GoAwayFrame;
import io.quicidl.runtime.wire.StreamIds;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Close discipline of one connection, in one place (STYLE item 12): the only code that closes the
 * QUIC connection ({@link #closeWith}), the GOAWAY / DRAINED handshake that precedes a graceful
 * close (SPEC.md §6.3), refusing peer streams above the limits of our GOAWAY, the tracking of the
 * peer streams seen that those limits and DRAINED are computed from, and failing the calls in
 * flight when the connection goes (§6.2).
 *
 * <p>Runs on the connection's event loop; {@link #closeWith}, {@link #closeGracefully} and
 * {@link #shutdownGracefully} may be called from any thread and hop onto it. {@code closing},
 * the loss description and the peer's GOAWAY are volatile because the call layer asks
 * {@link #isClosing()} from its own threads.
 */
final class CloseHandshake {
    private final QuicConnection connection;
    /** Indexes of the client streams seen (server side), for our GOAWAY limits and DRAINED. */
    private final BitSet seenPeerBidi = new BitSet();

    private final BitSet seenPeerUni = new BitSet();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final CompletableFuture<Void> drainedFuture = new CompletableFuture<>();
    /** Completes when no call stream is in flight any more, once a close has begun. */
    private final CompletableFuture<Void> idleFuture = new CompletableFuture<>();

    private volatile boolean closing;
    private volatile String lostDescription;
    private volatile GoAwayFrame peerGoAway;
    private boolean goAwaySent;
    private long goAwayBidiLimit = Long.MAX_VALUE;
    private long goAwayUniLimit = Long.MAX_VALUE;
    private boolean drainedSent;

    CloseHandshake(QuicConnection connection) {
        this.connection = connection;
    }

    // ---- closing the connection ----

    /** The only place connections are closed: sends CONNECTION_CLOSE with {@code code} and fails what runs. */
    void closeWith(ErrorCode code, String reason) {
        connection.onLoop(() -> {
            QuicChannel channel = connection.channel();
            if (!channel.isOpen()) {
                return;
            }
            connection.record(WireEvent.Type.CLOSE_SENT, -1, code.value(), reason);
            String description =
                    "the connection was closed locally (" + code + (reason.isEmpty() ? "" : ": " + reason) + ")";
            boolean first = remember(description);
            // CONNECTION_CLOSE before the calls let go of their streams: a stream channel closed
            // while the connection lives ends with a clean FIN, so the peer would take a request
            // cut short for a complete one, or a cut-off response for a truncated one (INTERNAL)
            // instead of the retryable UNAVAILABLE the close gives it (NETTY-QUIC-NOTES: streams).
            channel.close(true, code.value(), Unpooled.copiedBuffer(reason, StandardCharsets.UTF_8));
            if (first) {
                connection.calls().failAll(StatusCode.UNAVAILABLE, description);
            }
        });
    }

    /** A connection error (SPEC.md §6.1): close with PROTOCOL_ERROR. */
    void protocolError(String what) {
        closeWith(ErrorCode.PROTOCOL_ERROR, what);
    }

    /**
     * The TLS handshake failed. Netty closes the connection itself once quiche has sent its
     * CONNECTION_CLOSE with the TLS alert; closing here first dropped that packet and left the
     * peer waiting for its handshake timeout. Event loop.
     */
    void handshakeFailed(String why) {
        connection.record(WireEvent.Type.CONNECTION_LOST, -1, 0, why);
        connectionGone(why);
    }

    // ---- the connection going ----

    /** The peer's CONNECTION_CLOSE arrived: every call fails at once, naming the peer's code and reason (SPEC.md §6.2). */
    void peerClosed(QuicConnectionCloseEvent close) {
        String reason = reasonOf(close);
        String description = (close.isApplicationClose() ? "application" : "transport") + " code 0x"
                + Long.toHexString(close.error()) + (close.isApplicationClose() ? codeName(close.error()) : "")
                + (reason.isEmpty() ? "" : ", reason '" + reason + "'");
        connection.record(WireEvent.Type.CLOSE_RECEIVED, -1, close.error(), description);
        connectionGone(
                close.isTlsError()
                        ? TlsAlerts.describe(close) + " (" + description + ")"
                        : "the peer closed the connection (" + description + ")");
    }

    /** " NAME" of a known application code (SPEC.md §4.1), else "". */
    private static String codeName(long value) {
        ErrorCode code = ErrorCode.of(value);
        return code.value() == value ? " " + code : "";
    }

    private static String reasonOf(QuicConnectionCloseEvent close) {
        try {
            byte[] reason = close.reason();
            return reason == null ? "" : new String(reason, StandardCharsets.UTF_8);
        } catch (NullPointerException e) {
            // Netty throws when the peer sent no reason (NETTY-QUIC-NOTES: connections).
            return "";
        }
    }

    /** The connection is gone or going: remembers why (first reason wins) and fails the calls in flight. */
    private void connectionGone(String description) {
        if (remember(description)) {
            connection.calls().failAll(StatusCode.UNAVAILABLE, description);
        }
    }

    /** Remembers why the connection goes, unless a reason came first; whether this one was first. */
    private boolean remember(String description) {
        if (lostDescription != null) {
            return false;
        }
        lostDescription = description;
        closing = true;
        return true;
    }

    /** The channel closed; if nothing said why yet, it timed out or simply closed. */
    void channelClosed() {
        if (lostDescription == null) {
            String why = connection.channel().isTimedOut()
                    ? "the connection timed out (idle timeout, no answer from the peer)"
                    : "the connection closed";
            connection.record(WireEvent.Type.CONNECTION_LOST, -1, 0, why);
            connectionGone(why);
        }
    }

    /** Last step of a close: whoever waits for DRAINED, idleness or the close stops waiting. */
    void completeClosed() {
        drainedFuture.complete(null);
        idleFuture.complete(null);
        closeFuture.complete(null);
    }

    /** Whether the close has completed. */
    boolean isClosed() {
        return closeFuture.isDone();
    }

    CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    // ---- GOAWAY and DRAINED (SPEC.md §6.3) ----

    /**
     * Client close: waits (bounded by {@code graceNanos}) for calls in flight, sends GOAWAY,
     * waits for DRAINED, then closes with NO_ERROR; completes when the connection is closed.
     */
    CompletableFuture<Void> closeGracefully(long graceNanos) {
        long deadline = System.nanoTime() + graceNanos;
        connection.onLoop(() -> {
            closing = true;
            connection.checkIdle();
        });
        // A client that connected for early data may close before its handshake completed:
        // GOAWAY needs the handshake (or the close that ends it).
        CompletableFuture<Void> handshakeSettled = connection.handshake().handle((h, e) -> null);
        idleFuture
                .thenCompose(v -> handshakeSettled)
                .orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                .whenComplete((v, e) -> connection.onLoop(() -> {
                    StreamOpener opener = connection.opener();
                    sendGoAway(opener.nextBidiId(), opener.nextUniId(), "client closing");
                    // A timeout completes the future on the JDK's timer thread: judge the calls on the loop.
                    drainedFuture
                            .orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                            .whenComplete((v2, e2) -> connection.onLoop(() -> closeWith(
                                    connection.calls().isEmpty() ? ErrorCode.NO_ERROR : ErrorCode.CANCELLED,
                                    e2 == null ? "" : "no DRAINED within the grace period")));
                }));
        return closeFuture;
    }

    /**
     * Server shutdown of this connection: GOAWAY naming the client streams accepted so far, let
     * calls finish, wait for the client to close; past the deadline close with NO_ERROR if no call
     * runs, else SHUTDOWN (SPEC.md §6.3 server steps 1–4).
     */
    CompletableFuture<Void> shutdownGracefully(long graceNanos) {
        long deadline = System.nanoTime() + graceNanos;
        connection.onLoop(() -> {
            QuicChannel channel = connection.channel();
            if (!connection.handshakeState().isDone() || !channel.isActive()) {
                // Still handshaking (or failed to): nothing to drain.
                channel.close();
                return;
            }
            // Limits are ids (§6.3): the first client stream of each kind not seen yet. With no
            // client uni stream seen the limit is 0, which admits none, as 2 would.
            long bidiLimit = StreamIds.limit(true, true, seenPeerBidi.length());
            long uniLimit = seenPeerUni.isEmpty() ? 0 : StreamIds.limit(false, true, seenPeerUni.length());
            sendGoAway(bidiLimit, uniLimit, "server shutting down");
            connection.checkIdle();
        });
        connection
                .eventLoop()
                .schedule(
                        () -> closeWith(
                                connection.calls().isEmpty() ? ErrorCode.NO_ERROR : ErrorCode.SHUTDOWN,
                                "shutdown grace period ended"),
                        Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
        return closeFuture;
    }

    private void sendGoAway(long bidiLimit, long uniLimit, String reason) {
        if (goAwaySent || !connection.channel().isActive()) {
            return;
        }
        goAwaySent = true;
        if (!connection.isClient()) {
            goAwayBidiLimit = bidiLimit;
            goAwayUniLimit = uniLimit;
        }
        connection
                .control()
                .send(Frames.encode(
                        connection.alloc(), new GoAwayFrame(bidiLimit, uniLimit, ErrorCode.NO_ERROR, reason)));
    }

    /** The peer's GOAWAY; a second one is ignored (§6.3). */
    void peerGoAway(GoAwayFrame goAway) {
        if (peerGoAway != null) {
            return;
        }
        peerGoAway = goAway;
        if (connection.isClient()) {
            // The server is shutting down: finish our calls, then close ourselves (SPEC.md §6.3 step 3).
            connection.opener().failWaiting(closedReason());
            closeGracefully(TimeUnit.SECONDS.toNanos(30));
        } else {
            maybeSendDrained();
        }
    }

    /** The server's DRAINED; one that answers nothing is ignored (§6.3). */
    void peerDrained() {
        drainedFuture.complete(null);
    }

    /** Server: DRAINED once every client call stream below the client's GOAWAY limits is seen and done. */
    void maybeSendDrained() {
        if (connection.isClient()
                || peerGoAway == null
                || drainedSent
                || !connection.calls().isEmpty()) {
            return;
        }
        if (!allSeen(seenPeerBidi, StreamIds.countBelow(true, true, peerGoAway.bidiLimit()))
                || !allSeen(seenPeerUni, StreamIds.countBelow(false, true, peerGoAway.uniLimit()))) {
            return;
        }
        drainedSent = true;
        connection.control().send(Frames.empty(connection.alloc(), FrameType.DRAINED));
    }

    private static boolean allSeen(BitSet seen, long count) {
        return seen.nextClearBit(0) >= count;
    }

    /** No call stream is in flight and no open waits: a close that waited for that may go on. */
    void idle() {
        if (closing || goAwaySent || peerGoAway != null) {
            idleFuture.complete(null);
        }
    }

    // ---- who may open streams now ----

    /** A stream the peer opened (every kind, the control stream too), for our GOAWAY limits and DRAINED. */
    void peerStreamSeen(QuicStreamChannel stream) {
        BitSet seen = stream.type() == QuicStreamType.BIDIRECTIONAL ? seenPeerBidi : seenPeerUni;
        seen.set((int) StreamIds.index(stream.streamId()));
    }

    /** Server side: whether a new client stream lies beyond the limits of the GOAWAY we sent (SPEC.md §6.3). */
    boolean refusesPeerStream(long streamId) {
        long limit = StreamIds.isBidirectional(streamId) ? goAwayBidiLimit : goAwayUniLimit;
        return streamId >= limit || (closing && !connection.isClient());
    }

    /**
     * Whether this side opens no more call streams: a client starts no call after either side's
     * GOAWAY; a server keeps opening the response streams of calls it accepted (SPEC.md §5.6, §6.3).
     */
    boolean refusesLocalStreams() {
        return connection.isClient() ? closing || goAwaySent || peerGoAway != null : lostDescription != null;
    }

    /** Whether the connection is closing or closed: no new calls. */
    boolean isClosing() {
        return closing || peerGoAway != null;
    }

    /** Why a new call cannot start here. */
    String closedReason() {
        if (lostDescription != null) {
            return lostDescription;
        }
        GoAwayFrame goAway = peerGoAway;
        if (goAway != null) {
            return "the peer is going away (GOAWAY" + (goAway.reason().isEmpty() ? "" : ": " + goAway.reason()) + ")";
        }
        return "the connection is closing";
    }

    /** Why the connection closed or failed, once it has; for error messages. */
    String closeDescription() {
        String description = lostDescription;
        return description == null ? "the connection closed" : description;
    }
}
