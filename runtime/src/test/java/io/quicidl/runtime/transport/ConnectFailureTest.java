package io.quicidl.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.TestAccess;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connect that cannot succeed fails with its reason as soon as the reason is known: each test
 * gives the client a 60 s handshake timeout and waits at most 20 s for the failure.
 */
class ConnectFailureTest {
    private static final Identity SERVER = Identity.selfSigned("localhost");
    private static final Limits PATIENT = Limits.defaults().withHandshakeTimeout(Duration.ofSeconds(60));
    private static final CallRouter NO_CALLS = (port, call) -> {
        throw new AssertionError("no call expected");
    };

    /** Netty's warnings (it logs through java.util.logging here), e.g. "complete already". */
    private final List<LogRecord> nettyWarnings = new CopyOnWriteArrayList<>();

    private final Handler warnings = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                nettyWarnings.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("io.netty").addHandler(warnings);
    }

    @AfterEach
    void unlisten() {
        Logger.getLogger("io.netty").removeHandler(warnings);
    }

    /** Connects on another thread and returns the failure, which must come within 20 s. */
    private static StatusException connectFailure(Client.Builder builder) throws Exception {
        CompletableFuture<Client> connect = CompletableFuture.supplyAsync(builder::connect);
        try {
            Client client = connect.get(20, TimeUnit.SECONDS);
            client.close(Duration.ofSeconds(1));
            throw new AssertionError("the connect succeeded");
        } catch (ExecutionException e) {
            StatusException failure = assertInstanceOf(StatusException.class, e.getCause());
            assertEquals(StatusCode.UNAVAILABLE, failure.code());
            return failure;
        }
    }

    @Test
    void aPinMismatchFailsAtOnceNamingThePinnedAndPresentedFingerprints() throws Exception {
        String pinned = Identity.selfSigned("other").fingerprint();
        try (Server server =
                TestAccess.router(Server.builder().identity(SERVER), NO_CALLS).start()) {
            StatusException e = connectFailure(Client.builder()
                    .address("127.0.0.1", server.port())
                    .limits(PATIENT)
                    .trust(TrustPolicy.pinned(pinned)));
            assertContains(e, "TLS handshake failed");
            assertContains(e, "the server's certificate (subject CN=localhost) is not trusted");
            assertContains(e, "pin mismatch");
            assertContains(e, "presented public key fingerprint " + SERVER.fingerprint());
            assertContains(e, "the pinned one is " + pinned);
        }
    }

    @Test
    void aCertificateNoTrustedCaSignedFailsAtOnceNamingItsSubjectAndWhy() throws Exception {
        try (Server server =
                TestAccess.router(Server.builder().identity(SERVER), NO_CALLS).start()) {
            StatusException e = connectFailure(Client.builder()
                    .address("127.0.0.1", server.port())
                    .limits(PATIENT)
                    .trust(TrustPolicy.systemDefault()));
            assertContains(
                    e,
                    "the server's certificate (subject CN=localhost) is not trusted by this client's trust policy:"
                            + " PKIX path building failed");
        }
    }

    @Test
    void aClientCertificateTheServerDoesNotTrustFailsAtOnceSayingSo() throws Exception {
        try (Server server = TestAccess.router(Server.builder().identity(SERVER), NO_CALLS)
                .requireClientCertificates(
                        TrustPolicy.pinned(Identity.selfSigned("x").fingerprint()))
                .start()) {
            StatusException e = connectFailure(Client.builder()
                    .address("127.0.0.1", server.port())
                    .limits(PATIENT)
                    .identity(Identity.selfSigned("client.local"))
                    .trust(TrustPolicy.pinned(SERVER.fingerprint())));
            assertTrue(e.getMessage().contains("refused the TLS handshake"), e.getMessage());
        }
    }

    @Test
    void aServerWithAnotherAlpnFailsAtOnceSayingSo() throws Exception {
        EventLoopGroup group = UdpTransport.current().newEventLoopGroup("alpn-server", 1);
        try {
            Channel socket = UdpTransport.current()
                    .datagramBootstrap(group)
                    .handler(otherAlpnServer())
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .sync()
                    .channel();
            int port = ((InetSocketAddress) socket.localAddress()).getPort();
            StatusException e = connectFailure(Client.builder()
                    .address("127.0.0.1", port)
                    .limits(PATIENT)
                    .trust(TrustPolicy.pinned(SERVER.fingerprint())));
            assertContains(e, "ALPN: the peer does not speak quicidl/1");
            socket.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static void assertContains(StatusException e, String words) {
        assertTrue(e.getMessage().contains(words), () -> "no '" + words + "' in: " + e.getMessage());
    }

    /** A QUIC server that speaks only "h3". */
    private static ChannelHandler otherAlpnServer() {
        return new QuicServerCodecBuilder()
                .sslContext(QuicSslContextBuilder.forServer(
                                SERVER.privateKey(),
                                null,
                                SERVER.certificateChain().toArray(X509Certificate[]::new))
                        .applicationProtocols("h3")
                        .build())
                .tokenHandler(null)
                .maxIdleTimeout(5, TimeUnit.SECONDS)
                .initialMaxData(1 << 20)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // The refused handshake, expected here.
                    }
                })
                .streamHandler(new ChannelInboundHandlerAdapter())
                .build();
    }

    @Test
    void noServerTimesOutWithoutNettyComplainingAboutItsConnectPromise() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // UDP gets no answer, so the handshake timeout is the only signal: keep it short here.
        StatusException e = connectFailure(Client.builder()
                .address("127.0.0.1", port)
                .limits(Limits.defaults().withHandshakeTimeout(Duration.ofSeconds(1)))
                .trust(TrustPolicy.pinned(SERVER.fingerprint())));
        assertContains(e, "no handshake within 1000 ms: no QUIC server answered there");
        assertTrue(
                nettyWarnings.stream()
                        .noneMatch(r -> String.valueOf(r.getThrown()).contains("complete already")),
                () -> "Netty warned: "
                        + nettyWarnings.stream()
                                .map(r -> String.valueOf(r.getThrown()))
                                .toList());
    }
}
