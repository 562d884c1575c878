package io.quicidl.benchmarks.systems;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A running raw QUIC server on 127.0.0.1 (one event loop thread) and the event loops of its
 * clients. Closing it closes the server and both event loop groups; clients should be closed first.
 */
final class RawQuicEndpoint implements EchoSystem.Endpoint {
    /** Client event loop threads; each client takes one, as a quicidl client has its own. */
    private static final int CLIENT_THREADS = 4;

    private final RawQuicSetup setup;
    private final RawQuicTls tls;
    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private final Channel serverDatagram;

    private RawQuicEndpoint(
            RawQuicSetup setup,
            RawQuicTls tls,
            EventLoopGroup serverGroup,
            EventLoopGroup clientGroup,
            Channel serverDatagram) {
        this.setup = setup;
        this.tls = tls;
        this.serverGroup = serverGroup;
        this.clientGroup = clientGroup;
        this.serverDatagram = serverDatagram;
    }

    /** Starts a server with {@code setup} on an ephemeral port. */
    static RawQuicEndpoint start(RawQuicSetup setup) throws InterruptedException {
        RawQuicTls tls = new RawQuicTls();
        EventLoopGroup serverGroup = setup.newEventLoopGroup("raw-quic-server", 1);
        EventLoopGroup clientGroup = setup.newEventLoopGroup("raw-quic-client", CLIENT_THREADS);
        try {
            Channel datagram = setup.datagramBootstrap(serverGroup)
                    .handler(serverCodec(setup, tls))
                    .bind("127.0.0.1", 0)
                    .sync()
                    .channel();
            return new RawQuicEndpoint(setup, tls, serverGroup, clientGroup, datagram);
        } catch (InterruptedException | RuntimeException | Error e) {
            shutDown(serverGroup);
            shutDown(clientGroup);
            throw e;
        }
    }

    private static ChannelHandler serverCodec(RawQuicSetup setup, RawQuicTls tls) {
        QuicServerCodecBuilder builder = new QuicServerCodecBuilder()
                .sslContext(tls.serverContext())
                .initialMaxStreamsBidirectional(setup.maxBidiStreams())
                // Half closure keeps a stream open after the client's FIN until the reply's own FIN
                // has been written.
                .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // Sets each stream up itself, echo streams without any pipeline change.
                .streamHandler(RawQuicEchoResponder.INSTANCE);
        if (setup.gsoSegments() > 0) {
            builder.option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, setup.segmentedAllocator());
        }
        return setup.transportParameters(builder).build();
    }

    @Override
    public EchoClient connect() throws Exception {
        return connect(tls);
    }

    /** A client that trusts {@code trust}'s certificate (a test gives it another one). */
    EchoClient connect(RawQuicTls trust) throws Exception {
        InetSocketAddress server = (InetSocketAddress) serverDatagram.localAddress();
        EventLoop eventLoop = clientGroup.next();
        RawQuicConnection echo = RawQuicConnection.open(setup, trust, RawQuicProtocol.ECHO, eventLoop, server);
        try {
            return new RawQuicClient(
                    echo, RawQuicConnection.open(setup, trust, RawQuicProtocol.SERVER_STREAM, eventLoop, server));
        } catch (Exception | Error e) {
            echo.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            serverDatagram.close().awaitUninterruptibly();
        } finally {
            shutDown(serverGroup);
            shutDown(clientGroup);
        }
    }

    private static void shutDown(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
