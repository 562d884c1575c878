package io.quicidl.benchmarks.systems;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelBootstrap;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client QUIC connection of one {@link RawQuicProtocol}, on its own datagram channel.
 *
 * <p>Calls started on the event loop (from another call's completion) open their stream at once: the
 * codec sends their packets together when its read loop ends. Calls started from other threads are
 * queued and opened in batches by one event-loop task, flushed once, the way gRPC queues writes from
 * other threads: one task, one wake-up and one send per batch instead of one per call.
 */
final class RawQuicConnection implements AutoCloseable {
    private static final long HANDSHAKE_TIMEOUT_SECONDS = 10;
    /** Application close code 0: nothing went wrong. */
    private static final int NO_ERROR = 0;

    private final Channel datagram;
    private final QuicChannel quic;
    private final RawQuicFlushBatcher batcher;
    private final Queue<RawQuicCall<?>> handedOver = new ConcurrentLinkedQueue<>();
    /** True from the moment an opening task is scheduled until it starts draining the queue. */
    private final AtomicBoolean openScheduled = new AtomicBoolean();

    private final Runnable openHandedOver = this::openHandedOver;

    private RawQuicConnection(Channel datagram, QuicChannel quic, RawQuicFlushBatcher batcher) {
        this.datagram = datagram;
        this.quic = quic;
        this.batcher = batcher;
    }

    /** Binds a datagram channel to 127.0.0.1 on {@code eventLoop} and connects to {@code server}. */
    static RawQuicConnection open(
            RawQuicSetup setup, RawQuicTls tls, RawQuicProtocol protocol, EventLoop eventLoop, InetSocketAddress server)
            throws Exception {
        QuicSslContext context = tls.clientContext(protocol);
        QuicClientCodecBuilder codec = new QuicClientCodecBuilder()
                .sslContext(context)
                // SNI and host name verification against the certificate's "localhost".
                .sslEngineProvider(
                        channel -> context.newEngine(channel.alloc(), RawQuicTls.SERVER_NAME, server.getPort()));
        RawQuicFlushBatcher batcher = new RawQuicFlushBatcher();
        ChannelHandler quicCodec = setup.transportParameters(codec).build();
        Channel datagram = setup.datagramBootstrap(eventLoop)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        // The batcher nearer the socket, so the codec's flushes pass through it.
                        channel.pipeline().addLast(batcher, quicCodec);
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
        try {
            QuicChannelBootstrap bootstrap = QuicChannel.newBootstrap(datagram)
                    .handler(new ChannelInboundHandlerAdapter())
                    .remoteAddress(server);
            if (setup.gsoSegments() > 0) {
                bootstrap.option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, setup.segmentedAllocator());
            }
            Future<QuicChannel> connect = bootstrap.connect();
            if (!connect.await(HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                connect.cancel(false);
                throw new TimeoutException("no QUIC handshake with " + server + " within " + HANDSHAKE_TIMEOUT_SECONDS
                        + " s (" + protocol.alpn() + ")");
            }
            if (!connect.isSuccess()) {
                throw new IllegalStateException(
                        "cannot connect to " + server + " (" + protocol.alpn() + ")", connect.cause());
            }
            return new RawQuicConnection(datagram, connect.getNow(), batcher);
        } catch (Exception | Error e) {
            datagram.close().syncUninterruptibly();
            throw e;
        }
    }

    /**
     * Opens a bidirectional stream for {@code call}: at once on the event loop, otherwise in the next
     * batch. Its result fails if the stream cannot be opened.
     */
    <T> CompletableFuture<T> start(RawQuicCall<T> call) {
        if (quic.eventLoop().inEventLoop()) {
            open(call);
        } else {
            handedOver.add(call);
            if (openScheduled.compareAndSet(false, true)) {
                try {
                    quic.eventLoop().execute(openHandedOver);
                } catch (RejectedExecutionException e) {
                    // The event loop has shut down: no task will open what is queued.
                    RawQuicCall<?> queued;
                    while ((queued = handedOver.poll()) != null) {
                        queued.notOpened(e);
                    }
                }
            }
        }
        return call.result();
    }

    /** The batch task: opens every call handed over so far, holding the sends back to flush them once. */
    private void openHandedOver() {
        // Cleared before draining: a call queued after this line either is drained below or schedules
        // the next task, so none is left behind.
        openScheduled.set(false);
        batcher.hold();
        try {
            RawQuicCall<?> call;
            while ((call = handedOver.poll()) != null) {
                open(call);
            }
        } finally {
            batcher.release();
        }
    }

    /**
     * On the event loop the stream is created, registered and active (so the call sends) before this
     * returns. {@code createStream} rather than a stream bootstrap: the bootstrap wraps the handler in
     * an initializer that adds it and removes itself, two pipeline changes per call for no option.
     */
    private void open(RawQuicCall<?> call) {
        quic.createStream(QuicStreamType.BIDIRECTIONAL, call).addListener(created -> {
            if (!created.isSuccess()) {
                call.notOpened(created.cause());
            }
        });
    }

    /** Closes the connection (application close, no error) and its datagram channel. */
    @Override
    public void close() {
        quic.close(true, NO_ERROR, Unpooled.EMPTY_BUFFER).awaitUninterruptibly();
        datagram.close().awaitUninterruptibly();
    }
}
