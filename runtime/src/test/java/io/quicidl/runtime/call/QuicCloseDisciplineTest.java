package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RecordingWireTap;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.wire.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Close discipline of whole endpoints over real QUIC (SPEC.md §6), seen through the wire tap. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuicCloseDisciplineTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    private final RecordingWireTap serverTap = new RecordingWireTap();
    private final RecordingWireTap clientTap = new RecordingWireTap();
    private EchoService service;
    private Server server;
    private Client client;

    @BeforeEach
    void start() {
        service = new EchoService();
        server = Server.builder()
                .identity(IDENTITY)
                .addService(service.definition())
                .tap(serverTap)
                .start();
        client = connect(Duration.ofSeconds(10));
    }

    private Client connect(Duration livenessTimeout) {
        return Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .livenessTimeout(livenessTimeout)
                .tap(clientTap)
                .connect();
    }

    @AfterEach
    void stop() {
        client.close(Duration.ofSeconds(2));
        server.shutdown(Duration.ofSeconds(2));
        service.shutdown();
    }

    @Test
    void closeRightAfterTenThousandNotificationsDeliversAllInOrder() throws Exception {
        NotificationSink<Text> sink = ClientCalls.notifications(client, EchoService.NOTIFY, CallOptions.DEFAULT);
        for (int i = 0; i < 10_000; i++) {
            sink.send(Text.of(Integer.toString(i)));
        }
        sink.complete();
        client.close(Duration.ofSeconds(10));

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, List.copyOf(service.notified));
        WireEvent close = serverTap.await(e -> e.type() == WireEvent.Type.CLOSE_RECEIVED, 5_000);
        assertEquals(ErrorCode.NO_ERROR.value(), close.code());
        assertEquals(
                1,
                clientTap
                        .events(e -> e.type() == WireEvent.Type.STREAM_OPENED
                                && !e.bidirectional()
                                && e.clientInitiated()
                                && e.detail().isEmpty())
                        .size(),
                "one uni call stream: " + clientTap.events());
    }

    @Test
    void serverKilledMidCallFailsTheCallWithUnavailableWithinTwoSeconds() throws Exception {
        client.close();
        client = connect(Duration.ofSeconds(1));
        CompletableFuture<Text> call =
                ClientCalls.unaryAsync(client, EchoService.UNARY, Text.of("block"), CallOptions.DEFAULT);
        assertTrue(service.blocking.await(10, TimeUnit.SECONDS), "the handler runs");
        long killedAt = System.nanoTime();
        server.kill();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;
        StatusException status = (StatusException) e.getCause();
        assertEquals(StatusCode.UNAVAILABLE, status.code());
        assertTrue(tookMillis < 2_000, "failed after " + tookMillis + " ms, not within 2 s: " + status.getMessage());
        assertTrue(status.getMessage().contains("PINGs"), status.getMessage());
    }

    @Test
    void gracefulServerShutdownLetsTheRunningCallFinishAndTheClientCloses() throws Exception {
        try (var responses =
                ClientCalls.serverStreaming(client, EchoService.COUNT, Text.of("50"), CallOptions.DEFAULT)) {
            var iterator = responses.iterator();
            assertEquals("n0", iterator.next().value());
            Thread shutdown = new Thread(() -> server.shutdown(Duration.ofSeconds(5)));
            shutdown.start();
            int rest = 0;
            while (iterator.hasNext()) {
                iterator.next();
                rest++;
            }
            assertEquals(49, rest);
            shutdown.join(10_000);
        }
        WireEvent close = serverTap.await(e -> e.type() == WireEvent.Type.CLOSE_RECEIVED, 5_000);
        assertEquals(ErrorCode.NO_ERROR.value(), close.code(), "the client, which got the last data, closes");
        StatusException refused = assertThrows(
                StatusException.class,
                () -> ClientCalls.unary(client, EchoService.UNARY, Text.of("late"), CallOptions.DEFAULT));
        assertEquals(StatusCode.UNAVAILABLE, refused.code());
    }

    @Test
    void killAfterAGracefulShutdownDoesNothing() {
        server.shutdown(Duration.ofMillis(100));
        server.kill();
    }

    @Test
    void callsCutOffWhenTheGracePeriodRunsOutFailRetryablyAndAtOnce() throws Exception {
        CompletableFuture<Text> blocked =
                ClientCalls.unaryAsync(client, EchoService.UNARY, Text.of("block"), CallOptions.DEFAULT);
        assertTrue(service.blocking.await(10, TimeUnit.SECONDS), "the handler runs");
        server.shutdown(Duration.ofMillis(200));

        ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
        StatusException status = (StatusException) e.getCause();
        assertEquals(StatusCode.UNAVAILABLE, status.code(), status.getMessage());
        assertTrue(status.getMessage().contains("closed the connection"), status.getMessage());
        WireEvent close = clientTap.await(ev -> ev.type() == WireEvent.Type.CLOSE_RECEIVED, 5_000);
        assertEquals(ErrorCode.SHUTDOWN.value(), close.code());
        assertTrue(
                clientTap
                        .events(ev -> ev.type() == WireEvent.Type.FIN_RECEIVED && ev.bidirectional())
                        .isEmpty(),
                "no FIN ended the cut-off call before the close: " + clientTap.events());
    }
}
