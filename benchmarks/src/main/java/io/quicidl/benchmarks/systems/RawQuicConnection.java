package io.quicidl.benchmarks.systems;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelBootstrap;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One client QUIC connection of one {@link RawQuicProtocol}, on its own datagram channel. */
final class RawQuicConnection implements AutoCloseable {
    private static final long HANDSHAKE_TIMEOUT_SECONDS = 10;
    /** Application close code 0: nothing went wrong. */
    private static final int NO_ERROR = 0;

    private final Channel datagram;
    private final QuicChannel quic;

    private RawQuicConnection(Channel datagram, QuicChannel quic) {
        this.datagram = datagram;
        this.quic = quic;
    }

    /** Binds a datagram channel to 127.0.0.1 on {@code eventLoop} and connects to {@code server}. */
    static RawQuicConnection open(RawQuicSetup setup, RawQuicTls tls, RawQuicProtocol protocol, EventLoop eventLoop,
            InetSocketAddress server) throws Exception {
        QuicSslContext context = tls.clientContext(protocol);
        QuicClientCodecBuilder codec = new QuicClientCodecBuilder()
                .sslContext(context)
                // SNI and host name verification against the certificate's "localhost".
                .sslEngineProvider(channel -> context.newEngine(channel.alloc(), RawQuicTls.SERVER_NAME, server.getPort()));
        Channel datagram = setup.datagramBootstrap(eventLoop)
                .handler(setup.transportParameters(codec).build())
                .bind("127.0.0.1", 0).sync().channel();
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
                throw new TimeoutException("no QUIC handshake with " + server + " within "
                        + HANDSHAKE_TIMEOUT_SECONDS + " s (" + protocol.alpn() + ")");
            }
            if (!connect.isSuccess()) {
                throw new IllegalStateException("cannot connect to " + server + " (" + protocol.alpn() + ")",
                        connect.cause());
            }
            return new RawQuicConnection(datagram, connect.getNow());
        } catch (Exception | Error e) {
            datagram.close().syncUninterruptibly();
            throw e;
        }
    }

    /** Opens a bidirectional stream for {@code call}; its result fails at once if the stream cannot be opened. */
    <T> CompletableFuture<T> start(RawQuicCall<T> call) {
        quic.newStreamBootstrap()
                .type(QuicStreamType.BIDIRECTIONAL)
                .handler(call)
                .create()
                .addListener(created -> {
                    if (!created.isSuccess()) {
                        call.notOpened(created.cause());
                    }
                });
        return call.result();
    }

    /** Closes the connection (application close, no error) and its datagram channel. */
    @Override
    public void close() {
        quic.close(true, NO_ERROR, Unpooled.EMPTY_BUFFER).awaitUninterruptibly();
        datagram.close().awaitUninterruptibly();
    }
}
