package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client is connected as soon as its own handshake completes, not when the server's next packet
 * (HANDSHAKE_DONE) arrives a round trip later: a relay lets the server's handshake flight through
 * and nothing after it, and {@code connect()} still returns.
 */
class HandshakeCompletionTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    @Test
    void aClientConnectsWithoutTheServersPacketsAfterItsHandshakeFlight() throws Exception {
        EchoService echo = new EchoService();
        try (Server server = Server.builder()
                        .identity(IDENTITY)
                        .addService(echo.definition())
                        .start();
                DelayingUdpRelay relay = new DelayingUdpRelay(server.port(), Duration.ZERO)) {
            relay.holdBackServerShortHeaders(true);
            // Without the server's 1-RTT packets, a client that waited for one would fail here
            // after the handshake timeout.
            try (Client client = Client.builder()
                    .address("127.0.0.1", relay.port())
                    .serverName("localhost")
                    .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                    .limits(Limits.defaults().withHandshakeTimeout(Duration.ofSeconds(20)))
                    .connect()) {
                assertTrue(client.handshake().get(30, TimeUnit.SECONDS) != null);
                relay.holdBackServerShortHeaders(false);
                assertEquals(
                        Text.of("echo:a"),
                        ClientCalls.unary(client, EchoService.UNARY, Text.of("a"), CallOptions.DEFAULT));
            }
        } finally {
            echo.shutdown();
        }
    }
}
