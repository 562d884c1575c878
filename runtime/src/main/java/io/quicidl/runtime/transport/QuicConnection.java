package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;
import io.netty.handler.codec.quic.SslEarlyDataReadyEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.quicidl.runtime.ConnectionStats;
import io.quicidl.runtime.HandshakeInfo;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameDecoder;
import io.quicidl.runtime.wire.SettingsFrame;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One QUIC connection on either side: the handler of its {@link QuicChannel} and the
 * {@link CallConnection} the call layer uses. A façade: it turns Netty's connection events into
 * calls on the parts that do the work, each of one job —
 * {@link ConnectionHandshake} (TLS handshake, 0-RTT), {@link StreamOpener} (opening call streams),
 * {@link CallStreams} (call streams in flight), {@link ControlStream} and {@link ControlStreamReader}
 * (SPEC.md §6.1), {@link CloseHandshake} (GOAWAY / DRAINED and every connection close, §6.2–6.3),
 * {@link Liveness} (PINGs, §6.4), {@link ResetRateGuard} (rapid reset, §7.3).
 *
 * <p>State is confined to the connection's event loop (Netty runs a connection and all its
 * streams on one); public methods may be called from any thread and hop onto it.
 */
public final class QuicConnection extends ChannelInboundHandlerAdapter implements CallConnection {
    private static final System.Logger LOG = System.getLogger(QuicConnection.class.getName());
    private static final AttributeKey<QuicConnection> KEY = AttributeKey.valueOf(QuicConnection.class, "connection");

    private final EndpointContext context;
    private final long number;
    private final Executor handlerExecutor;
    private QuicChannel channel;
    private LoopTasks loopTasks;
    private ClosedStreams closedStreams;
    private StrandedFinSweep strandedFins;

    private final ConnectionHandshake handshake = new ConnectionHandshake(this);
    private final StreamOpener opener = new StreamOpener(this);
    private final CallStreams calls = new CallStreams(this);
    private final ControlStream control = new ControlStream(this);
    private final CloseHandshake closer = new CloseHandshake(this);
    private final Liveness liveness = new Liveness(this);
    private final DatagramLink datagrams = new DatagramLink(this);
    private final ResetRateGuard resetGuard;
    /** Calls in flight that hold no stream now ({@code @realtime}); event loop. */
    private int streamlessCalls;

    QuicConnection(EndpointContext context) {
        this.context = context;
        this.number = context.nextConnectionNumber();
        this.resetGuard = new ResetRateGuard(System::nanoTime, context.maxCancelledCalls(), this::closeAbusive);
        this.handlerExecutor = context.isClient()
                ? context.newConnectionExecutor()
                : ResetRateGuard.countingRefusals(
                        context.newConnectionExecutor(), () -> onLoopWhileOpen(resetGuard::refused));
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
                connection.closer.peerStreamSeen(stream);
                stream.pipeline()
                        .addLast(
                                new FrameDecoder(limits.maxMessageBytes(), limits.maxControlFrameBytes()),
                                new InboundStreamRouter(connection));
            }
        };
    }

    // ---- the parts, for each other and for the stream handlers ----

    EndpointContext context() {
        return context;
    }

    QuicChannel channel() {
        return channel;
    }

    /** The endpoint's number for this connection, as log lines and wire tap events name it. */
    long number() {
        return number;
    }

    ConnectionHandshake handshakeState() {
        return handshake;
    }

    StreamOpener opener() {
        return opener;
    }

    CallStreams calls() {
        return calls;
    }

    ControlStream control() {
        return control;
    }

    CloseHandshake closer() {
        return closer;
    }

    Liveness liveness() {
        return liveness;
    }

    /** Event loop: looks for FINs quiche holds without reporting them on this connection's streams. */
    StrandedFinSweep strandedFins() {
        return strandedFins;
    }

    /** Event loop: one of this connection's stream channels was closed (see {@link ClosedStreams}). */
    void streamChannelClosed(long streamId, boolean resendFin) {
        closedStreams.closed(streamId, resendFin);
    }

    /** Server side: counts the client's cancelled calls (SPEC.md §7.3). */
    ResetRateGuard resetGuard() {
        return resetGuard;
    }

    /** The client cancels calls far faster than they complete (rapid reset): close (SPEC.md §7.3). */
    private void closeAbusive(String why) {
        LOG.log(Level.INFO, () -> "connection " + number + " closed: " + why);
        context.abusiveConnectionClosed();
        closer.closeWith(ErrorCode.EXCESSIVE_LOAD, why);
    }

    void record(WireEvent.Type type, long streamId, long code, String detail) {
        context.record(number, type, streamId, code, detail);
    }

    /**
     * Runs {@code task} on the connection's event loop: at once when already there, else in the
     * next batch of work from other threads, after everything queued before it.
     */
    void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            loopTasks.submit(task);
        }
    }

    // ---- channel lifecycle ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = (QuicChannel) ctx.channel();
        loopTasks = new LoopTasks(channel);
        closedStreams = new ClosedStreams(channel);
        strandedFins = new StrandedFinSweep(channel);
        channel.attr(KEY).set(this);
        ctx.pipeline().addBefore(ctx.name(), null, datagrams);
        // Netty fires channelInactive only for channels that were active; a connection that
        // never finished its handshake is only seen closing here.
        channel.closeFuture().addListener(f -> onClosed());
        if (isClient()) {
            handshake.watchEstablished();
        } else {
            handshake.readEarlyStreams();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (context.refusingConnections()) {
            closer.closeWith(ErrorCode.REFUSED, "the server is shutting down");
            return;
        }
        if (handshake.isEarlyDataReady()) {
            // Netty recounts the peer's stream credit after this event only while one of its
            // counters is 0; early streams drove the bidi counter below 0, so the control stream
            // (uni) waits until that recount has happened (SPEC.md §10).
            eventLoop().execute(control::open);
        } else {
            control.open();
        }
        handshake.completed();
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof QuicConnectionCloseEvent close) {
            closer.peerClosed(close);
            // A connect waiting for the handshake learns now, not when the channel has drained.
            handshake.connectionClosed(new StatusException(StatusCode.UNAVAILABLE, closer.closeDescription()));
        } else if (event instanceof QuicStreamLimitChangedEvent) {
            opener.creditChanged();
        } else if (event instanceof SslEarlyDataReadyEvent) {
            if (isClient()) {
                handshake.onEarlyDataReady();
            }
        } else if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
            handshake.completed();
        } else if (event instanceof SslHandshakeCompletionEvent failed) {
            closer.handshakeFailed("TLS handshake failed: " + failed.cause().getMessage());
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
        if (closer.isClosed()) {
            return;
        }
        closer.channelClosed();
        liveness.stop();
        control.discardBacklog();
        opener.failWaiting(closer.closeDescription());
        handshake.connectionClosed(new StatusException(StatusCode.UNAVAILABLE, closer.closeDescription()));
        closer.completeClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, () -> "connection " + number + " failed", cause);
    }

    // ---- call streams coming and going ----

    /** The call layer released a call stream (SPEC.md §6.3: it no longer counts as in flight). */
    void callStreamReleased(NettyStreamPort port) {
        calls.remove(port);
        resetGuard.released(port.streamId());
        if (calls.isEmpty()) {
            checkIdle();
        }
        closer.maybeSendDrained();
    }

    /** When no call stream is in flight and no open waits: stop PINGing, and let a close waiting for that go on. */
    void checkIdle() {
        if (calls.isEmpty() && opener.isIdle()) {
            if (streamlessCalls == 0) {
                liveness.stop();
            }
            closer.idle();
        }
    }

    // ---- the endpoint's view ----

    /** Completes with what the handshake was (resumption, early data) once it has completed. */
    public CompletableFuture<HandshakeInfo> handshake() {
        return handshake.info();
    }

    /** Client: completes when calls may be started: early data is possible, or the handshake completed. */
    CompletableFuture<Void> usable() {
        return handshake.usable();
    }

    /** Collects the QUIC stack's counters and path estimates for this connection. */
    public CompletableFuture<ConnectionStats> stats() {
        return QuicStats.collect(this);
    }

    /** Client close (SPEC.md §6.3), see {@link CloseHandshake#closeGracefully}. */
    CompletableFuture<Void> closeGracefully(long graceNanos) {
        return closer.closeGracefully(graceNanos);
    }

    /** Server shutdown of this connection (SPEC.md §6.3), see {@link CloseHandshake#shutdownGracefully}. */
    public CompletableFuture<Void> shutdownGracefully(long graceNanos) {
        return closer.shutdownGracefully(graceNanos);
    }

    /** Why the connection closed or failed, once it has; for error messages. */
    String closeDescription() {
        return closer.closeDescription();
    }

    // ---- CallConnection ----

    @Override
    public boolean isClient() {
        return context.isClient();
    }

    @Override
    public CompletableFuture<StreamPort> openStream(boolean bidirectional, StreamListener listener) {
        return opener.open(bidirectional, listener, false);
    }

    @Override
    public CompletableFuture<StreamPort> openStream(
            boolean bidirectional, StreamListener listener, boolean replayable) {
        return opener.open(bidirectional, listener, replayable);
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
        return handlerExecutor;
    }

    @Override
    public long idleCallTimeoutNanos() {
        return context.idleCallTimeoutNanos();
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
        SettingsFrame settings = control.peerSettings();
        return settings == null || settings.maxMessageBytes() == 0
                ? context.limits().maxMessageBytes()
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
    public CompletableFuture<Integer> datagramPayloadLimit() {
        return datagrams.payloadLimit();
    }

    @Override
    public void sendDatagram(ByteBuf payload) {
        datagrams.send(payload);
    }

    @Override
    public void datagramDropped(long callId, String reason) {
        record(WireEvent.Type.DATAGRAM_DROPPED, callId, 0, reason);
    }

    @Override
    public boolean isClosing() {
        return closer.isClosing();
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closer.closeFuture();
    }

    @Override
    public void streamlessCallStarted() {
        onLoopWhileOpen(() -> {
            streamlessCalls++;
            liveness.start();
        });
    }

    @Override
    public void streamlessCallEnded() {
        onLoopWhileOpen(() -> {
            streamlessCalls--;
            checkIdle();
        });
    }

    /** {@link #onLoop} for bookkeeping that a closed connection no longer needs (its loop may be gone). */
    private void onLoopWhileOpen(Runnable task) {
        if (closer.isClosed()) {
            return;
        }
        try {
            onLoop(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, () -> "connection " + number + ": event loop gone", e);
        }
    }

    @Override
    public void expectUnorderedResponses(long controlStreamId, UnorderedResponseHandler handler) {
        calls.expectUnorderedResponses(controlStreamId, handler);
    }

    @Override
    public void forgetUnorderedCall(long controlStreamId) {
        calls.forgetUnorderedCall(controlStreamId);
    }
}
