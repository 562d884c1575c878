package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.codec.quic.SslEarlyDataReadyEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.handler.codec.quic.QuicConnectionPathStats;
import io.netty.handler.codec.quic.QuicConnectionStats;
import io.quicidl.runtime.ConnectionStats;
import io.quicidl.runtime.HandshakeInfo;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameDecoder;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.GoAwayFrame;
import io.quicidl.runtime.wire.PingFrame;
import io.quicidl.runtime.wire.SettingsFrame;
import io.quicidl.runtime.wire.StreamStoppedFrame;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One QUIC connection on either side: the handler of its {@link QuicChannel} and the
 * {@link CallConnection} the call layer uses. Owns the control streams (SPEC.md §6), the call
 * streams in flight, the close handshake (GOAWAY / DRAINED), liveness PINGs, and every
 * connection close (through {@link #closeWith}). State is confined to the connection's event
 * loop; public methods hop onto it.
 */
public final class QuicConnection extends ChannelInboundHandlerAdapter implements CallConnection {
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(QuicConnection.class);
    private static final AttributeKey<QuicConnection> KEY = AttributeKey.valueOf(QuicConnection.class, "connection");
    /** Bounds the stop codes remembered from STREAM_STOPPED frames whose stream has not failed a write yet. */
    private static final int MAX_REMEMBERED_STOPS = 1024;

    private final EndpointContext context;
    private final long number;
    private QuicChannel channel;

    private final Map<Long, NettyStreamPort> callStreams = new HashMap<>();
    private final Map<Long, UnorderedResponseHandler> unorderedCalls = new ConcurrentHashMap<>();
    private final Map<Long, ErrorCode> peerStopCodes = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ErrorCode> eldest) {
            return size() > MAX_REMEMBERED_STOPS;
        }
    };
    private final Queue<PendingOpen> pendingOpens = new ArrayDeque<>();
    private final BitSet seenPeerBidi = new BitSet();
    private final BitSet seenPeerUni = new BitSet();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final CompletableFuture<Void> drainedFuture = new CompletableFuture<>();
    /** Completes when no call stream is in flight any more, once a close has begun. */
    private final CompletableFuture<Void> idleFuture = new CompletableFuture<>();

    private QuicStreamChannel controlOut;
    private final List<ByteBuf> controlBacklog = new ArrayList<>();
    private boolean peerControlSeen;
    private volatile SettingsFrame peerSettings;

    private volatile boolean closing;
    private volatile boolean handshakeDone;
    /** Client: the TLS stack resumed a session and 0-RTT early data may be sent until the handshake completes. */
    private volatile boolean earlyDataReady;
    /** Client: streams opened as 0-RTT early data. */
    private volatile int earlyStreams;
    /** Client: calls that may not go out as early data, waiting for the handshake (SPEC.md §9). */
    private final Queue<PendingOpen> awaitingHandshake = new ArrayDeque<>();
    /** Completes with what the handshake was when it has completed. */
    private final CompletableFuture<HandshakeInfo> handshakeFuture = new CompletableFuture<>();
    /** Client: completes when early data may be sent, or when the handshake completed without it. */
    private final CompletableFuture<Void> usableFuture = new CompletableFuture<>();
    /** Server: runs once the handshake has completed; for calls held off early data. */
    private final List<Runnable> afterHandshake = new ArrayList<>();
    private boolean controlOpened;
    private GoAwayFrame peerGoAway;
    private boolean goAwaySent;
    private long goAwayBidiLimit = Long.MAX_VALUE;
    private long goAwayUniLimit = Long.MAX_VALUE;
    private boolean drainedSent;
    private long nextLocalBidi;
    private long nextLocalUni;
    private volatile String lostDescription;

    private ScheduledFuture<?> livenessTask;
    /** When the oldest PING still unanswered went out, 0 when every PING was answered. */
    private long unansweredPingSince;

    private record PendingOpen(boolean bidirectional, boolean replayable, StreamListener listener,
            CompletableFuture<StreamPort> future) {}

    QuicConnection(EndpointContext context) {
        this.context = context;
        this.number = context.nextConnectionNumber();
    }

    /** The connection that owns a QUIC channel. */
    static QuicConnection of(QuicChannel channel) {
        return channel.attr(KEY).get();
    }

    /** Initializer for streams the peer opens: frame decoding, then routing by the first frame. */
    static ChannelInitializer<QuicStreamChannel> peerStreamInitializer(Limits limits) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(QuicStreamChannel stream) {
                QuicConnection connection = of(stream.parent());
                connection.peerStreamSeen(stream.streamId());
                stream.pipeline().addLast(new FrameDecoder(limits.maxMessageBytes(), limits.maxControlFrameBytes()),
                        new InboundStreamRouter(connection));
            }
        };
    }

    EndpointContext context() {
        return context;
    }

    InternalLogger log() {
        return LOG;
    }

    void record(WireEvent.Type type, long streamId, long code, String detail) {
        context.record(number, type, streamId, code, detail);
    }

    // ---- channel lifecycle ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = (QuicChannel) ctx.channel();
        channel.attr(KEY).set(this);
        // Netty fires channelInactive only for channels that were active; a connection that
        // never finished its handshake is only seen closing here.
        channel.closeFuture().addListener(f -> onClosed());
        if (!isClient()) {
            readEarlyStreams();
        }
    }

    /**
     * Server: Netty reads a connection's streams only from channelActive (handshake complete).
     * Asking for reads until then surfaces streams that arrive as 0-RTT early data, so that
     * {@code @idempotent} calls run and answer in 0.5-RTT (NETTY-QUIC-NOTES: 0-RTT).
     */
    private void readEarlyStreams() {
        if (handshakeDone || !channel.isOpen()) {
            return;
        }
        if (channel.isRegistered()) {
            channel.read();
        }
        eventLoop().schedule(this::readEarlyStreams, 1, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (context.refusingConnections()) {
            closeWith(ErrorCode.REFUSED, "the server is shutting down");
            return;
        }
        if (earlyDataReady) {
            // Netty recounts the peer's stream credit after this event only while one of its
            // counters is 0; early streams drove the bidi counter below 0, so the control stream
            // (uni) waits until that recount has happened.
            eventLoop().execute(this::openControlStream);
        } else {
            openControlStream();
        }
        handshakeCompleted();
        ctx.fireChannelActive();
    }

    /** Runs once the TLS handshake completed: releases the calls that waited for it. */
    private void handshakeCompleted() {
        if (handshakeDone) {
            return;
        }
        handshakeDone = true;
        boolean resumed = SessionReuse.of(channel);
        handshakeFuture.complete(new HandshakeInfo(resumed, earlyDataReady, earlyDataReady && resumed, earlyStreams));
        usableFuture.complete(null);
        PendingOpen waiting;
        while ((waiting = awaitingHandshake.poll()) != null) {
            pendingOpens.add(waiting);
        }
        openPending();
        List<Runnable> held = List.copyOf(afterHandshake);
        afterHandshake.clear();
        for (Runnable task : held) {
            task.run();
        }
    }

    /** Whether the TLS handshake has completed. */
    boolean handshakeDone() {
        return handshakeDone;
    }

    /** Server: runs {@code task} on the event loop once the handshake has completed (at once if it has). */
    void afterHandshake(Runnable task) {
        if (handshakeDone) {
            task.run();
        } else {
            afterHandshake.add(task);
        }
    }

    /** Completes with what the handshake was (resumption, early data) once it has completed. */
    public CompletableFuture<HandshakeInfo> handshake() {
        return handshakeFuture;
    }

    /** Client: completes when calls may be started: early data is possible, or the handshake completed. */
    CompletableFuture<Void> usable() {
        return usableFuture;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof QuicConnectionCloseEvent close) {
            String reason = reasonOf(close);
            String description = (close.isApplicationClose() ? "application" : "transport") + " code 0x"
                    + Long.toHexString(close.error()) + (reason.isEmpty() ? "" : ", reason '" + reason + "'");
            record(WireEvent.Type.CLOSE_RECEIVED, -1, close.error(), description);
            failCalls("the peer closed the connection (" + description + ")");
        } else if (event instanceof QuicStreamLimitChangedEvent) {
            openPending();
        } else if (event instanceof SslEarlyDataReadyEvent) {
            if (isClient()) {
                earlyDataReady = true;
                // Netty fires this inside its send path, where stream writes would leave in
                // 1-RTT packets; calls started from now on are written from later tasks.
                eventLoop().execute(() -> usableFuture.complete(null));
            }
        } else if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
            handshakeCompleted();
        } else if (event instanceof SslHandshakeCompletionEvent handshake) {
            String why = "TLS handshake failed: " + handshake.cause().getMessage();
            record(WireEvent.Type.CONNECTION_LOST, -1, 0, why);
            failCalls(why);
            channel.close();
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        onClosed();
        ctx.fireChannelInactive();
    }

    /** Fails whatever still runs and completes the close futures; runs once, on the event loop. */
    private void onClosed() {
        if (closeFuture.isDone()) {
            return;
        }
        if (lostDescription == null) {
            String why = channel.isTimedOut() ? "the connection timed out (idle timeout, no answer from the peer)"
                    : "the connection closed";
            record(WireEvent.Type.CONNECTION_LOST, -1, 0, why);
            failCalls(why);
        }
        cancelLiveness();
        for (ByteBuf buf : controlBacklog) {
            buf.release();
        }
        controlBacklog.clear();
        PendingOpen pending;
        while ((pending = pendingOpens.poll()) != null || (pending = awaitingHandshake.poll()) != null) {
            pending.future().completeExceptionally(new StatusException(StatusCode.UNAVAILABLE, lostDescription));
        }
        afterHandshake.clear();
        StatusException lost = new StatusException(StatusCode.UNAVAILABLE, closeDescription());
        handshakeFuture.completeExceptionally(lost);
        usableFuture.completeExceptionally(lost);
        drainedFuture.complete(null);
        idleFuture.complete(null);
        closeFuture.complete(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} failed", number, cause);
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

    private void failCalls(String description) {
        if (lostDescription != null) {
            return;
        }
        lostDescription = description;
        closing = true;
        for (NettyStreamPort port : List.copyOf(callStreams.values())) {
            port.connectionLost(StatusCode.UNAVAILABLE, description);
        }
    }

    // ---- CallConnection ----

    @Override
    public boolean isClient() {
        return context.isClient();
    }

    @Override
    public CompletableFuture<StreamPort> openStream(boolean bidirectional, StreamListener listener) {
        return openStream(bidirectional, listener, false);
    }

    @Override
    public CompletableFuture<StreamPort> openStream(boolean bidirectional, StreamListener listener,
            boolean replayable) {
        CompletableFuture<StreamPort> future = new CompletableFuture<>();
        onLoop(() -> {
            // A client starts no call after either side's GOAWAY; a server keeps opening the
            // response streams of calls it accepted (SPEC.md §5.6 step 4, §6.3).
            boolean refused = isClient() ? closing || goAwaySent || peerGoAway != null : lostDescription != null;
            if (refused) {
                future.completeExceptionally(new StatusException(StatusCode.UNAVAILABLE, closedReason()));
                return;
            }
            PendingOpen pending = new PendingOpen(bidirectional, replayable && bidirectional, listener, future);
            if (isClient() && !handshakeDone && !(pending.replayable() && earlyDataReady)) {
                awaitingHandshake.add(pending);
                return;
            }
            pendingOpens.add(pending);
            openPending();
        });
        return future;
    }

    private String closedReason() {
        if (lostDescription != null) {
            return lostDescription;
        }
        if (peerGoAway != null) {
            return "the peer is going away (GOAWAY" + (peerGoAway.reason().isEmpty() ? "" : ": " + peerGoAway.reason()) + ")";
        }
        return "the connection is closing";
    }

    /** Opens queued streams while the peer gives credit; the rest wait for QuicStreamLimitChangedEvent. */
    private void openPending() {
        PendingOpen pending;
        while ((pending = pendingOpens.peek()) != null) {
            QuicStreamType type = pending.bidirectional() ? QuicStreamType.BIDIRECTIONAL : QuicStreamType.UNIDIRECTIONAL;
            // In early data Netty has not counted the peer's credit yet (it stays 0 until the
            // first packet from the server): QUIC checks the remembered limit itself, and a stream
            // over it fails and waits for the handshake (openNow).
            boolean early = isClient() && !handshakeDone;
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
        Limits limits = context.limits();
        channel.newStreamBootstrap()
                .type(type)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel stream) {
                        NettyStreamPort port = new NettyStreamPort(QuicConnection.this, stream, pending.listener());
                        portHolder[0] = port;
                        stream.pipeline().addLast(
                                new FrameDecoder(limits.maxMessageBytes(), limits.maxControlFrameBytes()), port);
                    }
                })
                .create()
                .addListener((Future<QuicStreamChannel> f) -> {
                    if (f.isSuccess()) {
                        NettyStreamPort port = portHolder[0];
                        long id = port.streamId();
                        if (pending.bidirectional()) {
                            nextLocalBidi = Math.max(nextLocalBidi, id + 4);
                        } else {
                            nextLocalUni = Math.max(nextLocalUni, id + 4);
                        }
                        callStreams.put(id, port);
                        boolean early = isClient() && !handshakeDone;
                        if (early) {
                            earlyStreams++;
                        }
                        record(WireEvent.Type.STREAM_OPENED, id, 0, early ? "0-RTT" : "");
                        startLiveness();
                        pending.future().complete(port);
                    } else if (f.cause() instanceof io.netty.handler.codec.quic.QuicException) {
                        // Credit ran out between the check and the open: wait for more. In early
                        // data nothing was checked (see openPending): wait for the handshake.
                        (isClient() && !handshakeDone ? awaitingHandshake : pendingOpens).add(pending);
                    } else {
                        pending.future().completeExceptionally(
                                new StatusException(StatusCode.UNAVAILABLE, "cannot open a stream: " + f.cause()));
                    }
                });
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public Executor handlerExecutor() {
        return context.handlerExecutor();
    }

    @Override
    public int maxMessageBytes() {
        return context.limits().maxMessageBytes();
    }

    @Override
    public int maxMetadataBytes() {
        return context.limits().maxMetadataBytes();
    }

    @Override
    public long peerMaxMessageBytes() {
        SettingsFrame settings = peerSettings;
        return settings == null || settings.maxMessageBytes() == 0 ? context.limits().maxMessageBytes()
                : settings.maxMessageBytes();
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.remoteSocketAddress();
    }

    @Override
    public List<Certificate> peerCertificates() {
        try {
            return List.of(channel.sslEngine().getSession().getPeerCertificates());
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public boolean isClosing() {
        return closing || peerGoAway != null;
    }

    /** Why the connection closed or failed, once it has; for error messages. */
    String closeDescription() {
        String description = lostDescription;
        return description == null ? "the connection closed" : description;
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public void expectUnorderedResponses(long controlStreamId, UnorderedResponseHandler handler) {
        unorderedCalls.put(controlStreamId, handler);
    }

    @Override
    public void forgetUnorderedCall(long controlStreamId) {
        unorderedCalls.remove(controlStreamId);
    }

    UnorderedResponseHandler unorderedHandler(long controlStreamId) {
        return unorderedCalls.get(controlStreamId);
    }

    /** Collects the QUIC stack's counters and path estimates for this connection. */
    public CompletableFuture<ConnectionStats> stats() {
        CompletableFuture<ConnectionStats> result = new CompletableFuture<>();
        channel.collectStats().addListener((Future<QuicConnectionStats> connectionStats) -> {
            if (!connectionStats.isSuccess()) {
                result.completeExceptionally(connectionStats.cause());
                return;
            }
            channel.collectPathStats(0).addListener((Future<QuicConnectionPathStats> pathStats) -> {
                if (!pathStats.isSuccess()) {
                    result.completeExceptionally(pathStats.cause());
                    return;
                }
                QuicConnectionStats c = connectionStats.getNow();
                QuicConnectionPathStats p = pathStats.getNow();
                result.complete(new ConnectionStats(c.sent(), c.recv(), c.lost(), c.retrans(), c.sentBytes(),
                        c.recvBytes(), c.lostBytes(), Duration.ofNanos(p.rtt()), p.cwnd(), p.deliveryRate()));
            });
        });
        return result;
    }

    // ---- call streams ----

    void callStreamAccepted(NettyStreamPort port, String detail) {
        callStreams.put(port.streamId(), port);
        record(WireEvent.Type.STREAM_OPENED, port.streamId(), 0, detail);
    }

    void callStreamReleased(NettyStreamPort port) {
        callStreams.remove(port.streamId());
        if (callStreams.isEmpty()) {
            idleFutureIfIdle();
        }
        maybeSendDrained();
    }

    private void idleFutureIfIdle() {
        if (callStreams.isEmpty() && pendingOpens.isEmpty() && awaitingHandshake.isEmpty()) {
            cancelLiveness();
            if (closing || goAwaySent || peerGoAway != null) {
                idleFuture.complete(null);
            }
        }
    }

    private void peerStreamSeen(long streamId) {
        BitSet seen = (streamId & 0x2) == 0 ? seenPeerBidi : seenPeerUni;
        seen.set((int) (streamId >>> 2));
    }

    /** Server side: whether a new client stream lies beyond the limits of the GOAWAY we sent (SPEC.md §6.3). */
    boolean refusesPeerStream(long streamId) {
        long limit = (streamId & 0x2) == 0 ? goAwayBidiLimit : goAwayUniLimit;
        return streamId >= limit || (closing && !isClient());
    }

    /** The code of a STREAM_STOPPED that arrived before its stream noticed the stop, or null. */
    ErrorCode takeStopCode(long streamId) {
        return peerStopCodes.remove(streamId);
    }

    // ---- control streams (SPEC.md §6) ----

    private void openControlStream() {
        if (controlOpened || !channel.isOpen()) {
            return;
        }
        controlOpened = true;
        channel.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                .addListener((Future<QuicStreamChannel> f) -> {
                    if (!f.isSuccess()) {
                        closeWith(ErrorCode.INTERNAL, "cannot open the control stream");
                        return;
                    }
                    controlOut = f.getNow();
                    record(WireEvent.Type.STREAM_OPENED, controlOut.streamId(), 0, "control");
                    Limits limits = context.limits();
                    controlOut.write(Frames.encode(alloc(),
                            new SettingsFrame(limits.maxMessageBytes(), limits.maxMetadataBytes())));
                    for (ByteBuf backlog : controlBacklog) {
                        controlOut.write(backlog);
                    }
                    controlBacklog.clear();
                });
    }

    private void sendControl(ByteBuf frame) {
        onLoop(() -> {
            if (controlOut == null) {
                if (!channel.isActive()) {
                    frame.release();
                    return;
                }
                controlBacklog.add(frame);
            } else {
                controlOut.write(frame);
            }
        });
    }

    void acceptPeerControlStream(ChannelHandlerContext ctx, SettingsFrame settings) {
        if (peerControlSeen) {
            protocolError("a second control stream");
            return;
        }
        peerControlSeen = true;
        peerSettings = settings;
        record(WireEvent.Type.STREAM_OPENED, ((QuicStreamChannel) ctx.channel()).streamId(), 0, "peer control");
        ctx.pipeline().replace(ctx.handler(), "control", new ControlStreamReader(this));
        ctx.channel().config().setAutoRead(true);
    }

    void sendStreamStopped(long streamId, ErrorCode code, StatusCode status, String statusMessage) {
        sendControl(Frames.encode(alloc(), new StreamStoppedFrame(streamId, code, status, statusMessage)));
    }

    void peerStreamStopped(StreamStoppedFrame stopped) {
        NettyStreamPort port = callStreams.get(stopped.streamId());
        if (port != null) {
            port.peerStopped(stopped.code(), stopped.status(), stopped.statusMessage());
        } else {
            // Already released here (or not yet surfaced by Netty): remember the code for a later failed write.
            peerStopCodes.put(stopped.streamId(), stopped.code());
            record(WireEvent.Type.STOP_RECEIVED, stopped.streamId(), stopped.code().value(), "");
        }
    }

    void protocolError(String what) {
        closeWith(ErrorCode.PROTOCOL_ERROR, what);
    }

    // ---- close discipline (SPEC.md §6.3) ----

    /** The only place connections are closed: sends CONNECTION_CLOSE with {@code code} and fails what runs. */
    void closeWith(ErrorCode code, String reason) {
        onLoop(() -> {
            if (!channel.isOpen()) {
                return;
            }
            record(WireEvent.Type.CLOSE_SENT, -1, code.value(), reason);
            failCalls("the connection was closed locally (" + code + (reason.isEmpty() ? "" : ": " + reason) + ")");
            channel.close(true, code.value(), Unpooled.copiedBuffer(reason, StandardCharsets.UTF_8));
        });
    }

    /**
     * Client close: waits (bounded by {@code graceNanos}) for calls in flight, sends GOAWAY,
     * waits for DRAINED, then closes with NO_ERROR; completes when the connection is closed.
     */
    CompletableFuture<Void> closeGracefully(long graceNanos) {
        long deadline = System.nanoTime() + graceNanos;
        onLoop(() -> {
            closing = true;
            idleFutureIfIdle();
        });
        // A client that connected for early data may close before its handshake completed:
        // GOAWAY needs the handshake (or the close that ends it).
        CompletableFuture<Void> handshakeSettled = handshakeFuture.handle((h, e) -> null);
        idleFuture.thenCompose(v -> handshakeSettled)
                .orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                .whenComplete((v, e) -> onLoop(() -> {
                    sendGoAway(nextLocalBidi, nextLocalUni, "client closing");
                    drainedFuture.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                            .whenComplete((v2, e2) -> closeWith(callStreams.isEmpty() ? ErrorCode.NO_ERROR
                                    : ErrorCode.CANCELLED, e2 == null ? "" : "no DRAINED within the grace period"));
                }));
        return closeFuture;
    }

    /**
     * Server shutdown of this connection: GOAWAY naming the client streams accepted so far, let
     * calls finish, wait for the client to close; past the deadline close with NO_ERROR or SHUTDOWN.
     */
    public CompletableFuture<Void> shutdownGracefully(long graceNanos) {
        long deadline = System.nanoTime() + graceNanos;
        onLoop(() -> {
            if (!handshakeDone || !channel.isActive()) {
                // Still handshaking (or failed to): nothing to drain.
                channel.close();
                return;
            }
            long bidiLimit = ((long) seenPeerBidi.length()) << 2;
            long uniLimit = (((long) seenPeerUni.length()) << 2) | 0x2;
            sendGoAway(bidiLimit, seenPeerUni.isEmpty() ? 0 : uniLimit, "server shutting down");
            idleFutureIfIdle();
        });
        eventLoop().schedule(() -> closeWith(callStreams.isEmpty() ? ErrorCode.NO_ERROR : ErrorCode.SHUTDOWN,
                "shutdown grace period ended"), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return closeFuture;
    }

    private void sendGoAway(long bidiLimit, long uniLimit, String reason) {
        if (goAwaySent || !channel.isActive()) {
            return;
        }
        goAwaySent = true;
        if (!isClient()) {
            goAwayBidiLimit = bidiLimit;
            goAwayUniLimit = uniLimit;
        }
        sendControl(Frames.encode(alloc(), new GoAwayFrame(bidiLimit, uniLimit, ErrorCode.NO_ERROR, reason)));
    }

    void peerGoAway(GoAwayFrame goAway) {
        if (peerGoAway != null) {
            return;
        }
        peerGoAway = goAway;
        if (isClient()) {
            // The server is shutting down: finish our calls, then close ourselves (SPEC.md §6.3 step 3).
            PendingOpen pending;
            while ((pending = pendingOpens.poll()) != null || (pending = awaitingHandshake.poll()) != null) {
                pending.future().completeExceptionally(new StatusException(StatusCode.UNAVAILABLE, closedReason()));
            }
            closeGracefully(TimeUnit.SECONDS.toNanos(30));
        } else {
            maybeSendDrained();
        }
    }

    /** Server: DRAINED once every client call stream below the client's GOAWAY limits is seen and done. */
    private void maybeSendDrained() {
        if (isClient() || peerGoAway == null || drainedSent || !callStreams.isEmpty()) {
            return;
        }
        if (!allSeenBelow(seenPeerBidi, peerGoAway.bidiLimit(), 0) || !allSeenBelow(seenPeerUni, peerGoAway.uniLimit(), 2)) {
            return;
        }
        drainedSent = true;
        sendControl(Frames.empty(alloc(), FrameType.DRAINED));
    }

    private static boolean allSeenBelow(BitSet seen, long limit, long firstId) {
        if (limit <= firstId) {
            return true;
        }
        int needed = (int) ((limit - firstId + 3) >>> 2);
        return seen.nextClearBit(0) >= needed;
    }

    void peerDrained() {
        drainedFuture.complete(null);
    }

    // ---- liveness (SPEC.md §6.4) ----

    /** Client: PINGs the server while calls are in flight, if a liveness timeout is configured. */
    private void startLiveness() {
        if (livenessTask != null || context.livenessTimeout() == null || !isClient()) {
            return;
        }
        long timeoutNanos = context.livenessTimeout().toNanos();
        unansweredPingSince = 0;
        livenessTask = eventLoop().scheduleAtFixedRate(() -> checkLiveness(timeoutNanos),
                timeoutNanos / 4, timeoutNanos / 4, TimeUnit.NANOSECONDS);
    }

    private void checkLiveness(long timeoutNanos) {
        long now = System.nanoTime();
        // Judge only a PING that went out: a busy event loop that runs this late is not a dead peer.
        if (unansweredPingSince != 0 && now - unansweredPingSince >= timeoutNanos) {
            String why = "the peer stopped answering PINGs for " + context.livenessTimeout().toMillis() + " ms";
            record(WireEvent.Type.CONNECTION_LOST, -1, ErrorCode.UNRESPONSIVE.value(), why);
            closeWith(ErrorCode.UNRESPONSIVE, why);
            return;
        }
        if (unansweredPingSince == 0) {
            unansweredPingSince = now;
        }
        sendControl(Frames.encode(alloc(), new PingFrame(false, now)));
    }

    private void cancelLiveness() {
        if (livenessTask != null) {
            livenessTask.cancel(false);
            livenessTask = null;
        }
    }

    void peerPing(PingFrame ping) {
        if (ping.pong()) {
            unansweredPingSince = 0;
        } else {
            sendControl(Frames.encode(alloc(), new PingFrame(true, ping.opaque())));
        }
    }

    private void onLoop(Runnable task) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
