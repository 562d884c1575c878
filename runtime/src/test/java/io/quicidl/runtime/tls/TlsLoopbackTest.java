package io.quicidl.runtime.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.TestAccess;
import io.quicidl.runtime.transport.CallRouter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS identities and trust over real QUIC handshakes on loopback. */
class TlsLoopbackTest {
    private static final CallRouter NO_CALLS = (port, call) -> {
        throw new AssertionError("no call expected");
    };

    @TempDir
    Path dir;

    private static Server server(Identity identity, TrustPolicy clientTrust) {
        Server.Builder builder = TestAccess.router(Server.builder().identity(identity), NO_CALLS);
        if (clientTrust != null) {
            builder.requireClientCertificates(clientTrust);
        }
        return builder.start();
    }

    @Test
    void pinnedFingerprintConnects() {
        Identity identity = Identity.selfSigned("localhost");
        try (Server server = server(identity, null);
                Client client = Client.builder()
                        .address("127.0.0.1", server.port())
                        .trust(TrustPolicy.pinned(identity.fingerprint()))
                        .connect()) {
            assertEquals(server.port(), client.remoteAddress().getPort());
        }
    }

    @Test
    void wrongPinFailsTheHandshakeWithUnavailable() {
        Identity identity = Identity.selfSigned("localhost");
        String otherPin = Identity.selfSigned("localhost").fingerprint();
        try (Server server = server(identity, null)) {
            long started = System.nanoTime();
            StatusException e = assertThrows(
                    StatusException.class,
                    () -> Client.builder()
                            .address("127.0.0.1", server.port())
                            .trust(TrustPolicy.pinned(otherPin))
                            .connect());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "a rejected certificate fails fast");
            assertTrue(e.getMessage().contains("pin mismatch"), e.getMessage());
            assertEquals(StatusCode.UNAVAILABLE, e.code());
            assertTrue(e.description().startsWith("cannot connect to /127.0.0.1:" + server.port()), e.getMessage());
        }
    }

    @Test
    void pemFilesRoundTripAndServeWithCaTrustAndHostName() {
        Identity generated = Identity.selfSigned("localhost");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        generated.writePemFiles(cert, key);
        Identity loaded = Identity.fromPemFiles(cert, key);
        assertEquals(generated.fingerprint(), loaded.fingerprint());
        try (Server server = server(loaded, null);
                Client client = Client.builder()
                        .address("127.0.0.1", server.port())
                        .serverName("localhost")
                        .trust(TrustPolicy.certificates(cert))
                        .connect()) {
            assertEquals(server.port(), client.remoteAddress().getPort());
        }
    }

    @Test
    void caTrustRejectsAServerNameTheCertificateDoesNotCover() {
        Identity generated = Identity.selfSigned("localhost");
        Path cert = dir.resolve("server.crt");
        generated.writePemFiles(cert, dir.resolve("server.key"));
        try (Server server = server(generated, null)) {
            assertThrows(
                    StatusException.class,
                    () -> Client.builder()
                            .address("127.0.0.1", server.port())
                            .serverName("not-localhost.example")
                            .trust(TrustPolicy.certificates(cert))
                            .connect());
        }
    }

    @Test
    void mutualTlsShowsTheClientCertificateToTheServer() throws Exception {
        Identity serverIdentity = Identity.selfSigned("localhost");
        Identity clientIdentity = Identity.selfSigned("client.local");
        CompletableFuture<List<Certificate>> seen = new CompletableFuture<>();
        CallRouter router = (port, call) -> {
            seen.complete(port.connection().peerCertificates());
            port.release();
            return null;
        };
        try (Server server = TestAccess.router(Server.builder().identity(serverIdentity), router)
                        .requireClientCertificates(TrustPolicy.pinned(clientIdentity.fingerprint()))
                        .start();
                Client client = Client.builder()
                        .address("127.0.0.1", server.port())
                        .trust(TrustPolicy.pinned(serverIdentity.fingerprint()))
                        .identity(clientIdentity)
                        .connect()) {
            var port = TestAccess.connection(client)
                    .openStream(true, new io.quicidl.runtime.transport.RecordingListener())
                    .get(5, TimeUnit.SECONDS);
            port.writeAndFinish(io.quicidl.runtime.wire.Frames.encode(
                    TestAccess.connection(client).alloc(),
                    io.quicidl.runtime.wire.CallFrame.of("/x.Y/z", 0, io.quicidl.runtime.Metadata.empty())));
            List<Certificate> certificates = seen.get(5, TimeUnit.SECONDS);
            assertEquals(clientIdentity.fingerprint(), Fingerprints.of((X509Certificate) certificates.get(0)));
            port.release();
        }
    }

    @Test
    void mutualTlsWithoutAClientCertificateNeverServesACall() throws Exception {
        Identity serverIdentity = Identity.selfSigned("localhost");
        try (Server server = server(
                serverIdentity, TrustPolicy.pinned(Identity.selfSigned("x").fingerprint()))) {
            // QUIC may report the connect as done before the server rejects the certificate;
            // either the connect or the first stream must fail, and the router is never reached.
            try (Client client = Client.builder()
                    .address("127.0.0.1", server.port())
                    .trust(TrustPolicy.pinned(serverIdentity.fingerprint()))
                    .connect()) {
                TestAccess.connection(client).closeFuture().get(5, TimeUnit.SECONDS);
            } catch (StatusException expected) {
                assertEquals(StatusCode.UNAVAILABLE, expected.code());
            }
        }
    }

    @Test
    void badPemFilesAreReportedByName() throws Exception {
        Path notPem = dir.resolve("broken.pem");
        Files.writeString(notPem, "hello", StandardCharsets.US_ASCII);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Identity.fromPemFiles(notPem, notPem));
        assertTrue(e.getMessage().startsWith(notPem.toString()), e.getMessage());
        IllegalArgumentException pin = assertThrows(IllegalArgumentException.class, () -> TrustPolicy.pinned("abc"));
        assertTrue(pin.getMessage().contains("64 hex digits"), pin.getMessage());
    }

    @Test
    void keyLogFileGetsNssLinesWhenSslKeyLogFileIsSet() throws Exception {
        KeyLogFile keyLog = KeyLogFile.fromEnvironment();
        assertTrue(keyLog != null, "the runtime's test JVM sets SSLKEYLOGFILE (see runtime/pom.xml)");
        Identity identity = Identity.selfSigned("localhost");
        try (Server server = server(identity, null);
                Client client = Client.builder()
                        .address("127.0.0.1", server.port())
                        .trust(TrustPolicy.pinned(identity.fingerprint()))
                        .connect()) {
            client.close(Duration.ofSeconds(2));
        }
        String log = Files.readString(keyLog.path(), StandardCharsets.US_ASCII);
        assertTrue(log.contains("CLIENT_HANDSHAKE_TRAFFIC_SECRET "), log);
        assertTrue(log.contains("SERVER_TRAFFIC_SECRET_0 "), log);
    }
}
