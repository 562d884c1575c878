package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One QUIC connection as the call layer sees it, on either side. Implemented by the transport.
 * Thread-safe.
 */
public interface CallConnection {
    /** Whether this is the client (connecting) side. */
    boolean isClient();

    /**
     * Opens a stream for a call. Waits for stream credit when the peer's limit is reached rather
     * than failing (SPEC.md §7.3); the future fails with a {@code StatusException} (UNAVAILABLE)
     * when the connection is closing or closed, or REFUSED-retryable when the peer sent GOAWAY.
     */
    CompletableFuture<StreamPort> openStream(boolean bidirectional, StreamListener listener);

    /**
     * Opens a stream for a call, as {@link #openStream(boolean, StreamListener)}. With
     * {@code replayable} (a call of an {@code @idempotent} method whose whole request is known),
     * a client resuming a TLS session may open it and send its frames as 0-RTT early data before
     * the handshake completes; every other client call waits for the handshake (SPEC.md §9).
     */
    default CompletableFuture<StreamPort> openStream(
            boolean bidirectional, StreamListener listener, boolean replayable) {
        return openStream(bidirectional, listener);
    }

    /**
     * The largest QUIC DATAGRAM payload the peer takes (its {@code max_datagram_frame_size}
     * transport parameter as the path allows), 0 when it takes none (SPEC.md §5.9). A connection
     * without QUIC DATAGRAM support (in-process) always answers 0.
     */
    default CompletableFuture<Integer> datagramPayloadLimit() {
        return CompletableFuture.completedFuture(0);
    }

    /**
     * Sends {@code payload} as one QUIC DATAGRAM frame, taking ownership of it. Best effort: the
     * QUIC stack drops it when its queue is full, and the network may lose it.
     */
    default void sendDatagram(ByteBuf payload) {
        payload.release();
    }

    /** A received datagram of call {@code callId} was dropped, for {@code reason} (SPEC.md §5.9): counted. */
    default void datagramDropped(long callId, String reason) {}

    /** Allocator for frames written to this connection's streams. */
    ByteBufAllocator alloc();

    /** The connection's event loop: for timers (deadlines, realtime max age). */
    EventLoop eventLoop();

    /** Where handlers and blocking user work run: virtual threads when the JVM has them. */
    Executor handlerExecutor();

    /**
     * Server side: how long a call may go without a frame in either direction before the server
     * ends it (SPEC.md §7.3), in nanoseconds; 0 for no limit (always on a client).
     */
    long idleCallTimeoutNanos();

    /** Local limits: largest MESSAGE accepted on this connection by default. */
    int maxMessageBytes();

    /** Local limit on request or response metadata size (SPEC.md §7.1). */
    int maxMetadataBytes();

    /** The peer's advertised limits from its SETTINGS; until they arrive, this side's defaults. */
    long peerMaxMessageBytes();

    /** The peer's address. */
    SocketAddress remoteAddress();

    /** The peer's certificate chain (mutual TLS), empty when the peer presented none. */
    List<Certificate> peerCertificates();

    /** Whether the connection is closing or closed: no new calls. */
    boolean isClosing();

    /** Completes when the connection is closed, for whatever reason. */
    CompletableFuture<Void> closeFuture();

    /**
     * Server side: a call that holds no stream at times ({@code @realtime} between two messages)
     * has started. Until the matching {@link #streamlessCallEnded()} it counts as in flight for
     * the liveness checks (SPEC.md §6.4), as calls with a stream do. Any thread.
     */
    default void streamlessCallStarted() {}

    /** Server side: a call announced with {@link #streamlessCallStarted()} has ended. Any thread. */
    default void streamlessCallEnded() {}

    /**
     * Client side: routes the server's {@code @unordered} response streams that name
     * {@code controlStreamId} to {@code handler} until {@link #forgetUnorderedCall} (SPEC.md
     * §5.6). Response streams of unknown calls are stopped with CANCELLED by the transport.
     */
    void expectUnorderedResponses(long controlStreamId, UnorderedResponseHandler handler);

    /** Client side: stops routing response streams of this {@code @unordered} call. */
    void forgetUnorderedCall(long controlStreamId);
}
