package io.quicidl.runtime.transport;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.handler.codec.quic.QuicCongestionControlAlgorithm;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.quicidl.runtime.CongestionControl;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.KeyLogFile;
import io.quicidl.runtime.tls.TrustPolicy;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the Netty pieces of an endpoint: event loops, TLS contexts and QUIC codecs (SPEC.md §1). */
public final class QuicEndpoints {
    /** The ALPN protocol id of wire protocol v1. */
    public static final String ALPN = "quicidl/1";
    /** Server-opened uni streams a client allows at once: room for {@code @unordered} responses (SPEC.md §1). */
    public static final int CLIENT_MAX_PEER_UNI_STREAMS = 1000;

    /**
     * Largest UDP payload sent: 1350 bytes crosses the paths of the Internet that 1452 (a full
     * 1500-byte Ethernet frame over IPv6) would not, such as tunnels and VPNs; fuller packets
     * than QUIC's 1200-byte floor are most of the bulk speed on one event loop.
     */
    public static final int MAX_SEND_UDP_PAYLOAD_BYTES = 1350;
    /** Largest UDP payload accepted: a full Ethernet frame over IPv6, for peers that send those. */
    public static final int MAX_RECEIVE_UDP_PAYLOAD_BYTES = 1452;
    /**
     * QUIC DATAGRAM frames (RFC 9221) received and not yet read, per connection: enough for a
     * burst of {@code @realtime} messages; beyond it the stack drops, as datagram delivery allows.
     */
    public static final int DATAGRAM_RECEIVE_QUEUE = 256;
    /**
     * QUIC DATAGRAM frames waiting for the congestion window, per connection; a newer one finds
     * the queue full and is dropped. Short on purpose: every queued datagram ages a later one by
     * its sending time, and quiche sends them oldest first whatever their age (256 held 70 ms of a
     * 4 MB/s path, which measure 6 saw as 83 ms old frames against 16 ms for a stream per frame).
     */
    public static final int DATAGRAM_SEND_QUEUE = 32;

    private QuicEndpoints() {}

    /** The server's TLS context: its identity, ALPN, and client certificates when {@code clientTrust} is set. */
    public static QuicSslContext serverTls(Identity identity, TrustPolicy clientTrust) {
        QuicSslContextBuilder builder = QuicSslContextBuilder.forServer(
                        identity.privateKey(), null, identity.certificateChain().toArray(X509Certificate[]::new))
                .applicationProtocols(ALPN)
                // Accept 0-RTT from resuming clients; calls that are not @idempotent wait for the
                // handshake (SPEC.md §9, InboundStreamRouter).
                .earlyData(true);
        if (clientTrust != null) {
            builder.trustManager(clientTrust.trustManager()).clientAuth(ClientAuth.REQUIRE);
        }
        return withKeyLog(builder).build();
    }

    /** The client's TLS context: whom it trusts, ALPN, and its identity for mutual TLS when set. */
    public static QuicSslContext clientTls(TrustPolicy trust, Identity identity) {
        return clientTls(trust, identity, false);
    }

    /**
     * The client's TLS context; with {@code earlyData} it offers 0-RTT when it resumes a session
     * from its own cache (shared through {@link io.quicidl.runtime.tls.TlsSessions}).
     */
    public static QuicSslContext clientTls(TrustPolicy trust, Identity identity, boolean earlyData) {
        QuicSslContextBuilder builder = QuicSslContextBuilder.forClient()
                .trustManager(new RecordingTrustManager((X509ExtendedTrustManager) trust.trustManager()))
                .applicationProtocols(ALPN)
                .earlyData(earlyData);
        if (identity != null) {
            builder.keyManager(
                    identity.privateKey(), null, identity.certificateChain().toArray(X509Certificate[]::new));
        }
        return withKeyLog(builder).build();
    }

    private static QuicSslContextBuilder withKeyLog(QuicSslContextBuilder builder) {
        KeyLogFile keyLog = KeyLogFile.fromEnvironment();
        return keyLog == null ? builder : builder.keylog(keyLog::logKey);
    }

    /**
     * The server's datagram pipeline: the QUIC codec (transport parameters from {@code limits},
     * one {@link QuicConnection} per connection) behind {@link InitialPacketBatchEnd}.
     */
    // RCVBUF_ALLOCATOR is deprecated in Netty 4.2, but the QUIC channel still reads datagrams through it.
    @SuppressWarnings("deprecation")
    public static io.netty.channel.ChannelHandler serverPipeline(
            QuicSslContext tls,
            EndpointContext context,
            CongestionControl congestion,
            boolean datagrams,
            java.util.function.Consumer<QuicConnection> onConnection) {
        Limits limits = context.limits();
        QuicServerCodecBuilder builder = new QuicServerCodecBuilder()
                .sslContext(tls)
                // No Retry round trip: a null token handler turns address validation tokens off.
                .tokenHandler(null)
                .initialMaxStreamsBidirectional(limits.maxConcurrentBidiStreams())
                // One more for the client's control stream (SPEC.md §6.1).
                .initialMaxStreamsUnidirectional(limits.maxConcurrentUniStreams() + 1L)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel channel) {
                        QuicConnection connection = new QuicConnection(context);
                        channel.pipeline().addLast(connection);
                        onConnection.accept(connection);
                    }
                })
                .option(
                        QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR,
                        UdpTransport.current().segmentedAllocator())
                .streamOption(ChannelOption.AUTO_READ, false)
                .streamHandler(QuicConnection.peerStreamInitializer(limits));
        if (datagrams) {
            // Advertises max_datagram_frame_size, so clients may send @realtime datagrams (SPEC.md §5.9).
            // Netty reads 16 datagrams per turn by default and the rest only when the next packet
            // arrives, which made the last ones of a burst stale: read the whole queue at once.
            builder.datagram(DATAGRAM_RECEIVE_QUEUE, DATAGRAM_SEND_QUEUE)
                    .option(
                            ChannelOption.RCVBUF_ALLOCATOR,
                            new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(DATAGRAM_RECEIVE_QUEUE));
        }
        io.netty.channel.ChannelHandler codec = congestionControl(transportParameters(builder, limits), congestion)
                .build();
        return new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel channel) {
                channel.pipeline().addLast(InitialPacketBatchEnd.INSTANCE, codec);
            }
        };
    }

    /**
     * The client's QUIC codec, bound to a datagram channel before connecting. {@code serverName}
     * and {@code port} go to TLS for SNI, host name checks and the session cache.
     */
    public static io.netty.channel.ChannelHandler clientCodec(
            QuicSslContext tls, Limits limits, CongestionControl congestion, String serverName, int port) {
        QuicClientCodecBuilder builder = new QuicClientCodecBuilder()
                .sslContext(tls)
                .sslEngineProvider(channel -> tls.newEngine(channel.alloc(), serverName, port))
                .initialMaxStreamsBidirectional(0)
                .initialMaxStreamsUnidirectional(CLIENT_MAX_PEER_UNI_STREAMS)
                // Quiche queues datagrams to send only when the extension is on (SPEC.md §5.9).
                .datagram(DATAGRAM_RECEIVE_QUEUE, DATAGRAM_SEND_QUEUE);
        return congestionControl(transportParameters(builder, limits), congestion)
                .build();
    }

    private static <B extends QuicCodecBuilder<B>> B transportParameters(B builder, Limits limits) {
        return builder.maxSendUdpPayloadSize(MAX_SEND_UDP_PAYLOAD_BYTES)
                .maxRecvUdpPayloadSize(MAX_RECEIVE_UDP_PAYLOAD_BYTES)
                .maxIdleTimeout(limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(limits.connectionWindowBytes())
                .initialMaxStreamDataBidirectionalLocal(limits.streamWindowBytes())
                .initialMaxStreamDataBidirectionalRemote(limits.streamWindowBytes())
                .initialMaxStreamDataUnidirectional(limits.streamWindowBytes());
    }

    private static <B extends QuicCodecBuilder<B>> B congestionControl(B builder, CongestionControl congestion) {
        QuicCongestionControlAlgorithm algorithm = switch (congestion.algorithm()) {
            case CUBIC -> QuicCongestionControlAlgorithm.CUBIC;
            case RENO -> QuicCongestionControlAlgorithm.RENO;
            case BBR -> QuicCongestionControlAlgorithm.BBR;
        };
        return builder.congestionControlAlgorithm(algorithm)
                .initialCongestionWindowPackets(congestion.initialWindowPackets())
                .hystart(congestion.hystart());
    }
}
