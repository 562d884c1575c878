package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Every call ends when its connection ends (SPEC.md §6.2), for every pattern and both sides: a
 * handler blocked reading requests, or sending into a stream the client never reads, wakes with
 * UNAVAILABLE when the client closes the connection; a client blocked on a call does when the
 * connection is lost; and the server keeps no call afterwards. Subclasses choose the transport.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ConnectionEndScenarios {
    private static final CallOptions NONE = CallOptions.DEFAULT;
    private static final long WAIT_SECONDS = 20;

    StuckService service;
    Router router;
    ConnectionPair pair;
    Channel client;
    private final List<AutoCloseable> callHandles = new ArrayList<>();

    /** The transport the scenarios run on. */
    abstract ConnectionPair.Factory factory();

    @BeforeEach
    void open() throws Exception {
        service = new StuckService();
        router = new Router(List.of(service.definition()));
        pair = factory().open(router);
        client = pair.channel();
    }

    @AfterEach
    void close() throws Exception {
        try {
            for (AutoCloseable handle : callHandles) {
                handle.close();
            }
            pair.awaitQuiet();
        } finally {
            pair.close();
        }
    }

    // ---- the server's handler wakes when the client closes the connection ----

    @Test
    void unaryHandlerIsCancelledWhenTheClientCloses() throws Exception {
        ClientCalls.unaryAsync(client, StuckService.UNARY, Text.of("x"), NONE);
        handlerWakesWhenTheClientCloses(0);
    }

    @Test
    void serverStreamingHandlerBlockedSendingWakesWhenTheClientCloses() throws Exception {
        callHandles.add(ClientCalls.serverStreaming(client, StuckService.SERVER_STREAMING, Text.of("x"), NONE));
        handlerWakesWhenTheClientCloses(500);
    }

    @Test
    void clientStreamingHandlerBlockedReadingWakesWhenTheClientCloses() throws Exception {
        ClientStreamCall<Text, Text> call = ClientCalls.clientStreaming(client, StuckService.CLIENT_STREAMING, NONE);
        call.send(Text.of("one"));
        handlerWakesWhenTheClientCloses(0);
    }

    @Test
    void duplexHandlerBlockedReadingWakesWhenTheClientCloses() throws Exception {
        DuplexCall<Text, Text> call = ClientCalls.duplex(client, StuckService.DUPLEX, NONE);
        call.send(Text.of("one"));
        handlerWakesWhenTheClientCloses(0);
    }

    @Test
    void duplexHandlerBlockedSendingWakesWhenTheClientCloses() throws Exception {
        DuplexCall<Text, Text> call = ClientCalls.duplex(client, StuckService.DUPLEX, NONE);
        call.send(Text.of(StuckService.SEND));
        handlerWakesWhenTheClientCloses(500);
    }

    @Test
    void notificationsHandlerBlockedReadingWakesWhenTheClientCloses() throws Exception {
        NotificationSink<Text> sink = ClientCalls.notifications(client, StuckService.NOTIFICATIONS, NONE);
        sink.send(Text.of("one"));
        handlerWakesWhenTheClientCloses(0);
    }

    @Test
    void unorderedHandlerBlockedSendingWakesWhenTheClientCloses() throws Exception {
        callHandles.add(ClientCalls.unordered(client, StuckService.UNORDERED, Text.of("x"), NONE));
        handlerWakesWhenTheClientCloses(500);
    }

    /** Issue #17: a realtime call whose message streams have all ended holds no stream, yet must end too. */
    @Test
    void realtimeHandlerBlockedReadingWakesWhenTheClientCloses() throws Exception {
        RealtimeSink<Text> sink = ClientCalls.realtime(client, StuckService.REALTIME, NONE);
        sink.send(Text.of("one"));
        handlerWakesWhenTheClientCloses(0);
    }

    /** Issue #17 as reported: many realtime calls, each with one message and no end, then a close. */
    @Test
    void everyAbandonedRealtimeCallEndsWhenTheClientCloses() throws Exception {
        int calls = 40;
        for (int i = 0; i < calls; i++) {
            ClientCalls.realtime(client, StuckService.REALTIME, NONE).send(Text.of("one"));
        }
        await(() -> router.realtimeCallsRunning() == calls, calls + " realtime calls running");
        pair.closeClient();
        await(() -> service.probe.unavailable.get() == calls, "every handler to wake with UNAVAILABLE");
        await(() -> router.realtimeCallsRunning() == 0, "no realtime call left on the server");
    }

    /**
     * Waits until the handler has been stuck for {@code stuckMillis} (long enough to be waiting
     * for flow-control credit when it sends), closes the client's connection, and checks that the
     * handler wakes with UNAVAILABLE and that the server keeps no call.
     */
    private void handlerWakesWhenTheClientCloses(long stuckMillis) throws Exception {
        StuckService.Probe probe = service.probe;
        await(() -> probe.blockedFor(stuckMillis), "the handler to get stuck");
        pair.closeClient();
        assertTrue(probe.woke.await(WAIT_SECONDS, TimeUnit.SECONDS), "the handler to wake");
        Throwable woke = probe.wokeWith.get();
        assertTrue(woke instanceof StatusException, "woke with " + woke);
        assertEquals(StatusCode.UNAVAILABLE, ((StatusException) woke).code(), "woke with " + woke);
        await(() -> router.realtimeCallsRunning() == 0, "no realtime call left on the server");
        // The server's streams: every one released exactly once (checked again after each test).
        pair.awaitQuiet();
    }

    // ---- the client wakes when the connection is lost under it ----

    @Test
    void unaryCallerWakesWhenTheConnectionIsLost() throws Exception {
        CompletableFuture<Text> call = ClientCalls.unaryAsync(client, StuckService.UNARY, Text.of("x"), NONE);
        clientWakesWhenTheConnectionIsLost(() -> call.get());
    }

    @Test
    void serverStreamingReaderWakesWhenTheConnectionIsLost() throws Exception {
        ResponseStream<Text> responses =
                ClientCalls.serverStreaming(client, StuckService.SERVER_STREAMING, Text.of(StuckService.QUIET), NONE);
        callHandles.add(responses);
        clientWakesWhenTheConnectionIsLost(() -> responses.iterator().hasNext());
    }

    @Test
    void clientStreamingSenderBlockedOnCreditWakesWhenTheConnectionIsLost() throws Exception {
        ClientStreamCall<Text, Text> call = ClientCalls.clientStreaming(client, StuckService.CLIENT_STREAMING, NONE);
        call.send(Text.of(StuckService.QUIET));
        clientWakesWhenTheConnectionIsLost(() -> sendForever(call::send));
    }

    @Test
    void duplexReaderWakesWhenTheConnectionIsLost() throws Exception {
        DuplexCall<Text, Text> call = ClientCalls.duplex(client, StuckService.DUPLEX, NONE);
        call.send(Text.of(StuckService.QUIET));
        clientWakesWhenTheConnectionIsLost(() -> call.iterator().hasNext());
    }

    @Test
    void duplexSenderBlockedOnCreditWakesWhenTheConnectionIsLost() throws Exception {
        DuplexCall<Text, Text> call = ClientCalls.duplex(client, StuckService.DUPLEX, NONE);
        call.send(Text.of(StuckService.QUIET));
        clientWakesWhenTheConnectionIsLost(() -> sendForever(call::send));
    }

    @Test
    void notificationsSenderBlockedOnCreditWakesWhenTheConnectionIsLost() throws Exception {
        NotificationSink<Text> sink = ClientCalls.notifications(client, StuckService.NOTIFICATIONS, NONE);
        sink.send(Text.of(StuckService.QUIET));
        clientWakesWhenTheConnectionIsLost(() -> sendForever(sink::send));
    }

    @Test
    void unorderedReaderWakesWhenTheConnectionIsLost() throws Exception {
        ResponseStream<Indexed<Text>> responses =
                ClientCalls.unordered(client, StuckService.UNORDERED, Text.of(StuckService.QUIET), NONE);
        callHandles.add(responses);
        clientWakesWhenTheConnectionIsLost(() -> responses.iterator().hasNext());
    }

    /**
     * Runs {@code blocking} on its own thread once the server's handler is in place, loses the
     * connection, and checks that {@code blocking} ends with UNAVAILABLE.
     */
    private void clientWakesWhenTheConnectionIsLost(Executable blocking) throws Exception {
        await(() -> service.probe.blockedSince != 0, "the handler to run");
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                blocking.execute();
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        caller.setDaemon(true);
        caller.start();
        pair.loseConnection();
        Throwable woke = ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (woke instanceof ExecutionException wrapped) {
            woke = wrapped.getCause();
        }
        assertTrue(woke instanceof StatusException, "woke with " + woke);
        assertEquals(StatusCode.UNAVAILABLE, ((StatusException) woke).code(), "woke with " + woke);
    }

    /** Sends 4 KiB messages until a send fails: the server reads none, so one blocks on credit first. */
    private static void sendForever(Consumer<Text> send) {
        Text big = Text.of("y".repeat(4096));
        for (; ; ) {
            send.accept(big);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }
}
