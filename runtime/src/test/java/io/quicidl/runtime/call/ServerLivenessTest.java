package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.RecordingWireTap;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.wire.ErrorCode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC.md §6.4 on the server: a client that vanishes without a word (its path goes dead under a
 * UDP relay) has its calls ended by the server's own liveness PINGs with default settings, long
 * before QUIC's idle timeout, which is set to 60 s here so that only liveness can explain it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerLivenessTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");
    private static final Limits LONG_IDLE = Limits.defaults().withIdleTimeout(Duration.ofSeconds(60));

    private final StuckService service = new StuckService();
    private final RecordingWireTap serverTap = new RecordingWireTap();
    private Server server;
    private DelayingUdpRelay relay;
    private Client client;

    @BeforeEach
    void start() {
        server = Server.builder()
                .identity(IDENTITY)
                .limits(LONG_IDLE)
                .addService(service.definition())
                .tap(serverTap)
                .start();
        relay = new DelayingUdpRelay(server.port(), Duration.ZERO);
        client = Client.builder()
                .address("127.0.0.1", relay.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .limits(LONG_IDLE)
                .livenessTimeout(null)
                .connect();
    }

    @AfterEach
    void stop() {
        try {
            client.close(Duration.ofMillis(100));
        } finally {
            relay.close();
            server.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void aVanishedClientsDuplexCallEndsThroughLiveness() throws Exception {
        DuplexCall<Text, Text> call = ClientCalls.duplex(client, StuckService.DUPLEX, CallOptions.DEFAULT);
        call.send(Text.of("one"));
        handlerWakesWhenTheClientVanishes();
    }

    /** Between messages a realtime call holds no stream, and the server still checks the client. */
    @Test
    void aVanishedClientsRealtimeCallEndsThroughLiveness() throws Exception {
        RealtimeSink<Text> sink = ClientCalls.realtime(client, StuckService.REALTIME, CallOptions.DEFAULT);
        sink.send(Text.of("one"));
        handlerWakesWhenTheClientVanishes();
    }

    private void handlerWakesWhenTheClientVanishes() throws Exception {
        StuckService.Probe probe = service.probe;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (probe.blockedSince == 0) {
            assertTrue(System.nanoTime() < end, "timed out waiting for the handler to block");
            Thread.sleep(2);
        }
        relay.close();
        assertTrue(probe.woke.await(20, TimeUnit.SECONDS), "the handler to wake");
        Throwable woke = probe.wokeWith.get();
        assertTrue(woke instanceof StatusException, "woke with " + woke);
        assertEquals(StatusCode.UNAVAILABLE, ((StatusException) woke).code(), "woke with " + woke);
        // Liveness, not the 60 s idle timeout, ended the connection.
        WireEvent lost = serverTap.await(e -> e.type() == WireEvent.Type.CONNECTION_LOST, 5_000);
        assertEquals(ErrorCode.UNRESPONSIVE.value(), lost.code(), "the server noticed through " + lost);
    }
}
