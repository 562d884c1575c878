package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.RecordingWireTap;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.wire.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC.md §7.3, the idle-call timeout: a call with no frame in either direction for the timeout
 * is ended by the server, whatever its pattern — the handler wakes with DEADLINE_EXCEEDED and
 * the client's stream is reset and stopped with DEADLINE_EXCEEDED — while a call that keeps
 * sending is left alone. The calls here have no deadline, so only the idle timeout can end them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IdleCallTimeoutTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");
    private static final Duration IDLE = Duration.ofMillis(600);

    private final StuckService service = new StuckService();
    private final RecordingWireTap serverTap = new RecordingWireTap();
    private Server server;
    private Client client;

    @BeforeEach
    void start() {
        server = Server.builder()
                .identity(IDENTITY)
                .addService(service.definition())
                .idleCallTimeout(IDLE)
                .tap(serverTap)
                .start();
        client = Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .connect();
    }

    @AfterEach
    void stop() {
        try {
            client.close(Duration.ofMillis(200));
        } finally {
            server.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void aUnaryHandlerThatNeverAnswersIsEnded() throws Exception {
        CompletableFuture<Text> call =
                ClientCalls.unaryAsync(client, StuckService.UNARY, Text.of("x"), CallOptions.DEFAULT);
        handlerEndedByIdleTimeout();
        StatusException seen = assertThrows(StatusException.class, () -> {
            try {
                call.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        });
        assertEquals(StatusCode.DEADLINE_EXCEEDED, seen.code(), seen.toString());
    }

    @Test
    void aClientStreamThatSendsNothingMoreIsEnded() throws Exception {
        ClientStreamCall<Text, Text> call =
                ClientCalls.clientStreaming(client, StuckService.CLIENT_STREAMING, CallOptions.DEFAULT);
        call.send(Text.of("one, then nothing"));
        handlerEndedByIdleTimeout();
        StatusException seen = assertThrows(StatusException.class, call::complete);
        assertEquals(StatusCode.DEADLINE_EXCEEDED, seen.code(), seen.toString());
    }

    @Test
    void aResponseStreamNobodyReadsIsEnded() throws Exception {
        try (ResponseStream<Text> unread = ClientCalls.serverStreaming(
                client, StuckService.SERVER_STREAMING, Text.of(StuckService.SEND), CallOptions.DEFAULT)) {
            handlerEndedByIdleTimeout();
            endsWithDeadlineExceeded(unread);
        }
    }

    @Test
    void aQuietDuplexCallIsEnded() throws Exception {
        DuplexCall<Text, Text> call = ClientCalls.duplex(client, StuckService.DUPLEX, CallOptions.DEFAULT);
        call.send(Text.of(StuckService.QUIET));
        handlerEndedByIdleTimeout();
        call.cancel();
    }

    @Test
    void quietNotificationsAreEnded() throws Exception {
        NotificationSink<Text> sink =
                ClientCalls.notifications(client, StuckService.NOTIFICATIONS, CallOptions.DEFAULT);
        sink.send(Text.of("one, then nothing"));
        handlerEndedByIdleTimeout(WireEvent.Type.STOP_SENT);
    }

    @Test
    void aQuietUnorderedCallIsEnded() throws Exception {
        try (ResponseStream<Indexed<Text>> responses = ClientCalls.unordered(
                client, StuckService.UNORDERED, Text.of(StuckService.QUIET), CallOptions.DEFAULT)) {
            handlerEndedByIdleTimeout();
            endsWithDeadlineExceeded(responses);
        }
    }

    @Test
    void aRealtimeCallWithoutAnEndIsEnded() throws Exception {
        RealtimeSink<Text> sink = ClientCalls.realtime(client, StuckService.REALTIME, CallOptions.DEFAULT);
        sink.send(Text.of("one, no end"));
        // Between messages the call holds no stream: nothing to reset or stop.
        handlerEndedByIdleTimeout(null);
    }

    /** A call that sends more often than the timeout lives on for many timeouts and ends normally. */
    @Test
    void aCallThatKeepsSendingLivesOn() throws Exception {
        ClientStreamCall<Text, Text> call =
                ClientCalls.clientStreaming(client, StuckService.CLIENT_STREAMING, CallOptions.DEFAULT);
        long end = System.nanoTime() + IDLE.multipliedBy(5).toNanos();
        int sent = 0;
        while (System.nanoTime() < end) {
            call.send(Text.of("tick " + sent++));
            Thread.sleep(IDLE.toMillis() / 6);
        }
        assertEquals(1, service.probe.woke.getCount(), "the handler woke with " + service.probe.wokeWith.get());
        call.cancel();
    }

    /** Reading on, the client gets what was already sent, then DEADLINE_EXCEEDED. */
    private static void endsWithDeadlineExceeded(ResponseStream<?> responses) {
        StatusException seen = assertThrows(StatusException.class, () -> responses.forEach(response -> {}));
        assertEquals(StatusCode.DEADLINE_EXCEEDED, seen.code(), seen.toString());
    }

    private void handlerEndedByIdleTimeout() throws InterruptedException {
        handlerEndedByIdleTimeout(WireEvent.Type.RESET_SENT);
    }

    /** The handler woke with the idle timeout's DEADLINE_EXCEEDED, and the server sent {@code abort} with it. */
    private void handlerEndedByIdleTimeout(WireEvent.Type abort) throws InterruptedException {
        assertTrue(service.probe.woke.await(30, TimeUnit.SECONDS), "the idle call's handler to wake");
        Throwable woke = service.probe.wokeWith.get();
        assertTrue(woke instanceof StatusException, "woke with " + woke);
        assertEquals(StatusCode.DEADLINE_EXCEEDED, ((StatusException) woke).code(), "woke with " + woke);
        assertTrue(woke.getMessage().contains("idle-call timeout"), woke.getMessage());
        if (abort != null) {
            WireEvent sent = serverTap.await(e -> e.type() == abort, 10_000);
            assertEquals(ErrorCode.DEADLINE_EXCEEDED.value(), sent.code(), "the server ended the call with " + sent);
        }
    }
}
