package io.quicidl.runtime.call;

import static io.quicidl.runtime.call.WireRecord.Kind.RESET;
import static io.quicidl.runtime.call.WireRecord.Kind.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.ResponseMetadata;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every pattern end to end over a {@link ConnectionPair}: normal runs, cancels, handler
 * failures, deadlines, limits, unknown methods, declared errors and connection loss, with the
 * FIN, RESET and STOP codes asserted on the wire. Subclasses choose the transport.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class CallScenarios {
    private static final CallOptions NONE = CallOptions.DEFAULT;

    EchoService service;
    ConnectionPair pair;
    Channel client;
    WireRecord wire;

    /** The transport the scenarios run on. */
    abstract ConnectionPair.Factory factory();

    @BeforeEach
    void open() throws Exception {
        service = new EchoService();
        pair = factory().open(new Router(List.of(service.definition())));
        client = pair.channel();
        wire = pair.wire();
    }

    @AfterEach
    void close() throws Exception {
        try {
            pair.awaitQuiet();
        } finally {
            pair.close();
            service.shutdown();
        }
    }

    static void await(BooleanSupplier condition, String what, WireRecord wire) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; wire: " + wire);
            }
            Thread.sleep(2);
        }
    }

    /** The stream of the n-th call the client opened (by its CALL frame). */
    long callStream(int n) throws InterruptedException {
        await(() -> wire.streamsWith(true, FrameType.CALL).size() > n, "call stream " + n, wire);
        return wire.streamsWith(true, FrameType.CALL).get(n);
    }

    void awaitCode(long stream, boolean fromClient, WireRecord.Kind kind, ErrorCode code) throws InterruptedException {
        await(
                () -> wire.codes(stream, fromClient, kind).contains(code),
                kind + " " + code + " on stream " + stream + (fromClient ? " c>s" : " s>c"),
                wire);
    }

    /**
     * SPEC §5.1: once the server has ended the call, a request half still open ends with
     * NO_ERROR: the server's stop, or the client's reset when the outcome reached it first.
     */
    void awaitRequestHalfEndedWithNoError(long stream) throws InterruptedException {
        await(
                () -> wire.codes(stream, true, STOP).contains(ErrorCode.NO_ERROR)
                        || wire.codes(stream, true, RESET).contains(ErrorCode.NO_ERROR),
                "NO_ERROR on the request half",
                wire);
    }

    /**
     * The response half ends with {@code code}: the client's stop, or the server's reset when the
     * server reacted to the client's reset first (then a stop has nothing left to stop).
     */
    void awaitResponseHalfEnded(long stream, ErrorCode code) throws InterruptedException {
        await(
                () -> wire.codes(stream, false, STOP).contains(code)
                        || wire.codes(stream, false, RESET).contains(code),
                code + " on the response half",
                wire);
    }

    /** A STOP_SENDING with {@code code} on one half, and the RESET_STREAM it is answered with. */
    void awaitStopAnswered(long stream, boolean fromClient, ErrorCode code) throws InterruptedException {
        awaitCode(stream, fromClient, STOP, code);
        awaitCode(stream, fromClient, RESET, code);
    }

    /** Checks the frames received on one half. */
    void assertFrames(List<FrameType> expected, long stream, boolean fromClient) {
        assertEquals(expected, wire.frames(stream, fromClient), "frames of stream " + stream + "; wire: " + wire);
    }

    static void awaitLatch(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(20, TimeUnit.SECONDS), "timed out waiting for " + what);
    }

    // ---- @unary ----

    @Test
    void unaryEchoesAndSucceedsWithMessageAndFinOnly() throws Exception {
        assertEquals(Text.of("echo:hi"), ClientCalls.unary(client, EchoService.UNARY, Text.of("hi"), NONE));
        long stream = callStream(0);
        await(() -> wire.finished(stream, false), "response FIN", wire);
        assertFrames(List.of(FrameType.CALL, FrameType.MESSAGE), stream, true);
        assertFrames(List.of(FrameType.MESSAGE), stream, false);
        assertTrue(wire.finished(stream, true));
        pair.awaitQuiet();
        assertEquals(List.of(), wire.codes(stream, true, RESET));
        assertEquals(List.of(), wire.codes(stream, false, RESET));
        assertEquals(List.of(), wire.codes(stream, false, STOP));
    }

    @Test
    void unaryCarriesMetadataHeadersAndTrailers() throws Exception {
        CallOptions options =
                NONE.withMetadata(Metadata.builder().add("who", "alice").build());
        assertEquals(Text.of("alice"), ClientCalls.unary(client, EchoService.UNARY, Text.of("metadata"), options));
        ResponseMetadata response = new ResponseMetadata();
        assertEquals(
                Text.of("echo:trailers"),
                ClientCalls.unary(client, EchoService.UNARY, Text.of("trailers"), NONE.withResponseMetadata(response)));
        assertEquals(Optional.of("1"), response.headers().get("h"));
        assertEquals(Optional.of("2"), response.trailers().get("t"));
        long stream = callStream(1);
        await(() -> wire.finished(stream, false), "response FIN", wire);
        assertFrames(List.of(FrameType.HEADERS, FrameType.MESSAGE, FrameType.STATUS), stream, false);
    }

    @Test
    void unaryAsyncCompletesOffTheEventLoop() throws Exception {
        CompletableFuture<Text> future = ClientCalls.unaryAsync(client, EchoService.UNARY, Text.of("a"), NONE);
        Thread[] completer = new Thread[1];
        Text text = future.thenApply(t -> {
                    completer[0] = Thread.currentThread();
                    return t;
                })
                .get(20, TimeUnit.SECONDS);
        assertEquals(Text.of("echo:a"), text);
        assertFalse(pair.client().eventLoop().inEventLoop(completer[0]));
    }

    @Test
    void handlerExceptionBecomesInternalWithoutDetails() throws Exception {
        StatusException e = assertThrows(
                StatusException.class, () -> ClientCalls.unary(client, EchoService.UNARY, Text.of("throw"), NONE));
        assertEquals(StatusCode.INTERNAL, e.code());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        long stream = callStream(0);
        await(() -> wire.finished(stream, false), "response FIN", wire);
        assertFrames(List.of(FrameType.STATUS), stream, false);
    }

    @Test
    void statusExceptionTravelsWithCodeAndMessage() {
        StatusException e = assertThrows(
                StatusException.class, () -> ClientCalls.unary(client, EchoService.UNARY, Text.of("denied"), NONE));
        assertEquals(StatusCode.PERMISSION_DENIED, e.code());
        assertEquals("not for you", e.description());
    }

    @Test
    void declaredErrorArrivesTyped() {
        NotFound e = assertThrows(
                NotFound.class, () -> ClientCalls.unary(client, EchoService.UNARY, Text.of("notfound:lobby"), NONE));
        assertEquals("lobby", e.room());
        assertEquals("room lobby not found", e.getMessage());
    }

    @Test
    void declaredErrorOfAnUnknownTypeIsFailedPrecondition() {
        StatusException e = assertThrows(
                StatusException.class,
                () -> ClientCalls.unary(client, EchoService.UNARY_UNTYPED, Text.of("notfound:lobby"), NONE));
        assertEquals(StatusCode.FAILED_PRECONDITION, e.code());
        assertEquals("test.NotFound", e.errorDetail().type());
    }

    @Test
    void unknownMethodIsUnimplementedAndTheConnectionStaysUp() throws Exception {
        StatusException e = assertThrows(
                StatusException.class, () -> ClientCalls.unary(client, EchoService.UNKNOWN, Text.of("x"), NONE));
        assertEquals(StatusCode.UNIMPLEMENTED, e.code());
        long stream = callStream(0);
        assertFrames(List.of(FrameType.STATUS), stream, false);
        for (ErrorCode code : wire.codes(stream, true, STOP)) {
            assertEquals(ErrorCode.NO_ERROR, code, "SPEC §5.1: the request half is stopped with NO_ERROR");
        }
        assertEquals(Text.of("echo:after"), ClientCalls.unary(client, EchoService.UNARY, Text.of("after"), NONE));
    }

    @Test
    void unaryCancelStopsAndTheServerAbandonsTheHandler() throws Exception {
        CompletableFuture<Text> future = ClientCalls.unaryAsync(client, EchoService.UNARY, Text.of("block"), NONE);
        long stream = callStream(0);
        awaitLatch(service.blocking, "the handler to run");
        future.cancel(true);
        awaitLatch(service.cancelled, "the handler to see the cancel");
        // SPEC §5.2: STOP_SENDING(CANCELLED) on the response half; the server resets it with CANCELLED.
        awaitStopAnswered(stream, false, ErrorCode.CANCELLED);
    }

    @Test
    void deadlinePassesOnBothSides() throws Exception {
        CallOptions options = NONE.withTimeout(Duration.ofMillis(300));
        StatusException e = assertThrows(
                StatusException.class, () -> ClientCalls.unary(client, EchoService.UNARY, Text.of("block"), options));
        assertEquals(StatusCode.DEADLINE_EXCEEDED, e.code());
        awaitLatch(service.cancelled, "the handler to see the deadline");
        long stream = callStream(0);
        // SPEC §7.2: both sides enforce the deadline; whichever timer fires first aborts the
        // response half with DEADLINE_EXCEEDED (the client's stop, or the server's reset).
        await(
                () -> wire.codes(stream, false, STOP).contains(ErrorCode.DEADLINE_EXCEEDED)
                        || wire.codes(stream, false, RESET).contains(ErrorCode.DEADLINE_EXCEEDED),
                "DEADLINE_EXCEEDED on the response half",
                wire);
        assertEquals(
                List.of(),
                wire.codes(stream, false, RESET).stream()
                        .filter(code -> code != ErrorCode.DEADLINE_EXCEEDED)
                        .toList());
    }

    @Test
    void oversizedRequestForTheServersMethodLimitIsResourceExhausted() throws Exception {
        StatusException e = assertThrows(
                StatusException.class,
                () -> ClientCalls.unary(client, EchoService.SMALL_CLIENT, Text.ofSize(2000), NONE));
        assertEquals(StatusCode.RESOURCE_EXHAUSTED, e.code());
        long stream = callStream(0);
        assertFrames(List.of(FrameType.STATUS), stream, false);
        awaitCode(stream, true, STOP, ErrorCode.RESOURCE_EXHAUSTED);
        assertEquals(Text.of("small"), ClientCalls.unary(client, EchoService.SMALL_CLIENT, Text.of("small"), NONE));
    }

    @Test
    void aMethodLimitAboveTheConnectionLimitLetsBigMessagesThroughBothWays() {
        Text big = Text.ofSize(6 << 20);
        assertEquals(big, ClientCalls.unary(client, EchoService.BIG, big, NONE));
    }

    @Test
    void oversizedRequestForTheClientsOwnLimitFailsLocally() {
        StatusException e = assertThrows(
                StatusException.class,
                () -> ClientCalls.unary(client, EchoService.SMALL_SERVER, Text.ofSize(2000), NONE));
        assertEquals(StatusCode.RESOURCE_EXHAUSTED, e.code());
        assertTrue(wire.streamsWith(true, FrameType.CALL).isEmpty(), "nothing goes on the wire: " + wire);
    }

    @Test
    void lostConnectionFailsTheCallWithUnavailable() throws Exception {
        CompletableFuture<Text> future = ClientCalls.unaryAsync(client, EchoService.UNARY, Text.of("block"), NONE);
        awaitLatch(service.blocking, "the handler to run");
        pair.loseConnection();
        StatusException e = assertThrows(StatusException.class, () -> {
            try {
                future.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException x) {
                throw x.getCause();
            }
        });
        assertEquals(StatusCode.UNAVAILABLE, e.code());
        // The handler is abandoned: its call cancelled, or (a killed server) its thread interrupted.
        awaitLatch(service.blockEnded, "the handler to be abandoned");
    }

    // ---- @server_streaming ----

    @Test
    void serverStreamingDeliversAllThenStatus() throws Exception {
        List<String> got = new ArrayList<>();
        try (ResponseStream<Text> responses =
                ClientCalls.serverStreaming(client, EchoService.COUNT, Text.of("100"), NONE)) {
            for (Text text : responses) {
                got.add(text.value());
            }
        }
        assertEquals(100, got.size());
        assertEquals("n99", got.get(99));
        long stream = callStream(0);
        List<FrameType> frames = wire.frames(stream, false);
        assertEquals(101, frames.size());
        assertEquals(FrameType.STATUS, frames.get(100));
        assertTrue(wire.finished(stream, false));
        pair.awaitQuiet();
        assertEquals(List.of(), wire.codes(stream, false, STOP));
    }

    @Test
    void serverStreamingFailureComesAfterTheMessages() {
        List<String> got = new ArrayList<>();
        ResponseStream<Text> responses =
                ClientCalls.serverStreaming(client, EchoService.COUNT, Text.of("fail-after:3"), NONE);
        StatusException e = assertThrows(StatusException.class, () -> {
            for (Text text : responses) {
                got.add(text.value());
            }
        });
        assertEquals(StatusCode.ABORTED, e.code());
        assertEquals(List.of("n0", "n1", "n2"), got);
    }

    @Test
    void closingAServerStreamEarlyCancelsTheHandler() throws Exception {
        ResponseStream<Text> responses =
                ClientCalls.serverStreaming(client, EchoService.COUNT, Text.of("forever"), NONE);
        Iterator<Text> it = responses.iterator();
        for (int i = 0; i < 5; i++) {
            assertEquals(Text.of("n" + i), it.next());
        }
        responses.close();
        awaitLatch(service.cancelled, "the handler to see the cancel");
        assertEquals(StatusCode.CANCELLED, service.sinkFailure.get().code());
        long stream = callStream(0);
        // SPEC §5.3: the client stops the response half; the server resets it, both CANCELLED.
        awaitStopAnswered(stream, false, ErrorCode.CANCELLED);
    }

    @Test
    void serverStreamingPublisherHonoursDemand() throws Exception {
        List<String> got = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.Flow.Subscription> subscription =
                new java.util.concurrent.atomic.AtomicReference<>();
        ClientCalls.serverStreamingPublisher(client, EchoService.COUNT, Text.of("30"), NONE)
                .subscribe(new java.util.concurrent.Flow.Subscriber<Text>() {
                    @Override
                    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                        subscription.set(s);
                        s.request(10);
                    }

                    @Override
                    public void onNext(Text item) {
                        got.add(item.value());
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        done.completeExceptionally(throwable);
                    }

                    @Override
                    public void onComplete() {
                        done.complete(null);
                    }
                });
        await(() -> got.size() == 10, "the first ten", wire);
        Thread.sleep(50);
        assertEquals(10, got.size(), "no more than requested");
        subscription.get().request(Long.MAX_VALUE);
        done.get(20, TimeUnit.SECONDS);
        assertEquals(30, got.size());
    }

    @Test
    void serverStreamingDeadlineEndsTheStreamOnBothSides() throws Exception {
        CallOptions options = NONE.withTimeout(Duration.ofMillis(300));
        int[] got = {0};
        StatusException e = assertThrows(StatusException.class, () -> {
            try (ResponseStream<Text> responses =
                    ClientCalls.serverStreaming(client, EchoService.COUNT, Text.of("forever"), options)) {
                for (Text ignored : responses) {
                    got[0]++;
                    Thread.sleep(1);
                }
            }
        });
        assertEquals(StatusCode.DEADLINE_EXCEEDED, e.code());
        assertTrue(got[0] > 0);
        awaitLatch(service.cancelled, "the handler to see the deadline");
        // DEADLINE_EXCEEDED from either timer; the QUIC transport reports CANCELLED when a write
        // meets the client's STOP_SENDING before its STREAM_STOPPED arrived.
        StatusCode seen = service.sinkFailure.get().code();
        assertTrue(seen == StatusCode.DEADLINE_EXCEEDED || seen == StatusCode.CANCELLED, seen.toString());
    }

    // ---- @client_streaming ----

    @Test
    void clientStreamingConcatenates() throws Exception {
        ClientStreamCall<Text, Text> call = ClientCalls.clientStreaming(client, EchoService.CONCAT, NONE);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            call.send(Text.of("m" + i));
            expected.append("m").append(i);
        }
        assertEquals(Text.of(expected.toString()), call.complete());
        long stream = callStream(0);
        assertEquals(51, wire.frames(stream, true).size());
        assertFrames(List.of(FrameType.MESSAGE), stream, false);
    }

    @Test
    void clientStreamingEarlyResponseStopsTheRequestHalfWithNoError() throws Exception {
        ClientStreamCall<Text, Text> call = ClientCalls.clientStreaming(client, EchoService.CONCAT, NONE);
        call.send(Text.of("first-only"));
        long stream = callStream(0);
        awaitRequestHalfEndedWithNoError(stream);
        call.send(Text.of("dropped"));
        assertEquals(Text.of("early"), call.complete());
    }

    @Test
    void clientStreamingCancelResetsAndStops() throws Exception {
        ClientStreamCall<Text, Text> call = ClientCalls.clientStreaming(client, EchoService.CONCAT, NONE);
        call.send(Text.of("a"));
        long stream = callStream(0);
        // A handler cancelled while still queued never starts, and would see nothing.
        awaitLatch(service.concatReading, "the handler to read the request");
        call.cancel();
        StatusException e = assertThrows(StatusException.class, call::complete);
        assertEquals(StatusCode.CANCELLED, e.code());
        awaitLatch(service.cancelled, "the handler to see the cancel");
        // SPEC §5.4: reset the send half and stop the receive half as a unit.
        awaitCode(stream, true, RESET, ErrorCode.CANCELLED);
        awaitResponseHalfEnded(stream, ErrorCode.CANCELLED);
    }

    // ---- @duplex ----

    @Test
    void duplexEchoesUnderFlowControl() throws Exception {
        DuplexCall<Text, Text> call = ClientCalls.duplex(client, EchoService.ECHO, NONE);
        int count = 2000;
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<?> sending = sender.submit(() -> {
                for (int i = 0; i < count; i++) {
                    call.send(Text.of(i + ":" + "y".repeat(1000)));
                }
                call.complete();
                return null;
            });
            int i = 0;
            for (Text text : call) {
                assertTrue(text.value().startsWith(i + ":"), text.value().substring(0, 10));
                i++;
            }
            sending.get(20, TimeUnit.SECONDS);
            assertEquals(count, i);
        } finally {
            sender.shutdownNow();
        }
        long stream = callStream(0);
        assertEquals(FrameType.STATUS, wire.frames(stream, false).get(count));
    }

    @Test
    void duplexCancelResetsAndStopsAsAUnit() throws Exception {
        DuplexCall<Text, Text> call = ClientCalls.duplex(client, EchoService.ECHO, NONE);
        call.send(Text.of("one"));
        assertEquals(Text.of("one"), call.iterator().next());
        long stream = callStream(0);
        call.cancel();
        awaitLatch(service.cancelled, "the handler to see the cancel");
        awaitCode(stream, true, RESET, ErrorCode.CANCELLED);
        awaitResponseHalfEnded(stream, ErrorCode.CANCELLED);
        StatusException e = assertThrows(StatusException.class, () -> call.send(Text.of("two")));
        assertEquals(StatusCode.CANCELLED, e.code());
    }

    @Test
    void duplexHandlerFailureEndsTheResponses() throws Exception {
        DuplexCall<Text, Text> call = ClientCalls.duplex(client, EchoService.ECHO, NONE);
        call.send(Text.of("one"));
        call.send(Text.of("boom"));
        Iterator<Text> it = call.iterator();
        assertEquals(Text.of("one"), it.next());
        StatusException e = assertThrows(StatusException.class, it::hasNext);
        assertEquals(StatusCode.INTERNAL, e.code());
        long stream = callStream(0);
        awaitRequestHalfEndedWithNoError(stream);
    }

    // ---- @notifications ----

    @Test
    void notificationsArriveInOrder() throws Exception {
        NotificationSink<Text> sink = ClientCalls.notifications(client, EchoService.NOTIFY, NONE);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sink.send(Text.of("e" + i));
            sent.add("e" + i);
        }
        sink.complete();
        awaitLatch(service.notifyDone, "the handler to finish");
        assertEquals(sent, service.notified);
        long stream = callStream(0);
        assertTrue(wire.finished(stream, true));
        assertEquals(List.of(), wire.codes(stream, true, STOP));
    }

    @Test
    void notificationsHandlerReturningEarlyReadsTheRestAndStopsNothing() throws Exception {
        NotificationSink<Text> sink = ClientCalls.notifications(client, EchoService.NOTIFY, NONE);
        sink.send(Text.of("enough"));
        awaitLatch(service.notifyDone, "the handler to return");
        for (int i = 0; i < 50; i++) {
            sink.send(Text.of("ignored" + i));
        }
        sink.complete();
        pair.awaitQuiet();
        long stream = callStream(0);
        // SPEC §5.5: after a normal return the server reads to FIN and sends nothing.
        assertEquals(List.of(), wire.codes(stream, true, STOP));
        assertEquals(List.of("enough"), service.notified);
    }

    @Test
    void notificationsHandlerFailureStopsTheStreamWithItsStatus() throws Exception {
        NotificationSink<Text> sink = ClientCalls.notifications(client, EchoService.NOTIFY, NONE);
        sink.send(Text.of("throw"));
        long stream = callStream(0);
        // SPEC §5.5: STOP_SENDING(FAILED) with the status in STREAM_STOPPED.
        awaitCode(stream, true, STOP, ErrorCode.FAILED);
        StatusException e = assertThrows(StatusException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                sink.send(Text.of("more"));
                Thread.sleep(1);
            }
        });
        assertEquals(StatusCode.INTERNAL, e.code());
    }

    @Test
    void notificationsToAnUnknownMethodFailWithUnimplemented() throws Exception {
        NotificationSink<Text> sink = ClientCalls.notifications(client, EchoService.UNKNOWN_NOTIFY, NONE);
        StatusException e = assertThrows(StatusException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                sink.send(Text.of("more"));
                Thread.sleep(1);
            }
        });
        assertEquals(StatusCode.UNIMPLEMENTED, e.code());
        awaitCode(callStream(0), true, STOP, ErrorCode.FAILED);
    }

    @Test
    void notificationsDeadlineFailsTheSender() throws Exception {
        NotificationSink<Text> sink =
                ClientCalls.notifications(client, EchoService.NOTIFY, NONE.withTimeout(Duration.ofMillis(300)));
        sink.send(Text.of("one"));
        awaitLatch(service.cancelled, "the handler to see the deadline");
        StatusException e = assertThrows(StatusException.class, () -> sink.send(Text.of("late")));
        assertEquals(StatusCode.DEADLINE_EXCEEDED, e.code());
        long stream = callStream(0);
        // SPEC §5.5, §7.2: the server stops with DEADLINE_EXCEEDED, the client resets with it.
        await(
                () -> wire.codes(stream, true, STOP).contains(ErrorCode.DEADLINE_EXCEEDED)
                        || wire.codes(stream, true, RESET).contains(ErrorCode.DEADLINE_EXCEEDED),
                "DEADLINE_EXCEEDED on the stream",
                wire);
    }

    @Test
    void notificationsCancelResetsTheStream() throws Exception {
        NotificationSink<Text> sink = ClientCalls.notifications(client, EchoService.NOTIFY, NONE);
        sink.send(Text.of("one"));
        long stream = callStream(0);
        await(() -> service.notified.size() == 1, "the first notification", wire);
        sink.cancel();
        awaitLatch(service.cancelled, "the handler to see the cancel");
        awaitCode(stream, true, RESET, ErrorCode.CANCELLED);
    }

    // ---- @unordered ----

    @Test
    void unorderedResponsesArriveInCompletionOrder() throws Exception {
        List<Long> got = new ArrayList<>();
        try (ResponseStream<Indexed<Text>> responses =
                ClientCalls.unordered(client, EchoService.BLOCKS, Text.of("100"), NONE)) {
            for (Indexed<Text> response : responses) {
                assertEquals("block-" + response.index(), response.value().value());
                got.add(response.index());
            }
        }
        assertEquals(100, got.size());
        // Arrival follows completion, modulo threads racing to finish sends 8 ms apart on a busy machine.
        assertTrue(
                inversions(service.unorderedCompletion, got) <= 100,
                "completion order " + service.unorderedCompletion + " but arrival order " + got);
        assertTrue(inversions(sortedIndexes(100), got) > 1000, "responses are not in index order: " + got);
        long control = callStream(0);
        assertFrames(List.of(FrameType.STATUS), control, false);
        List<Long> responseStreams = wire.streamsWith(false, FrameType.RESPONSE_HEADER);
        assertEquals(100, responseStreams.size());
        for (long stream : responseStreams) {
            assertFrames(List.of(FrameType.RESPONSE_HEADER, FrameType.MESSAGE), stream, false);
            assertTrue(wire.finished(stream, false));
        }
    }

    @Test
    void unorderedFailureStillDeliversTheResponsesSent() throws Exception {
        List<Long> got = new ArrayList<>();
        ResponseStream<Indexed<Text>> responses =
                ClientCalls.unordered(client, EchoService.BLOCKS, Text.of("fail-after:3"), NONE);
        StatusException e = assertThrows(StatusException.class, () -> {
            for (Indexed<Text> response : responses) {
                got.add(response.index());
            }
        });
        assertEquals(StatusCode.DATA_LOSS, e.code());
        assertEquals(List.of(0L, 1L, 2L), got.stream().sorted().toList());
    }

    @Test
    void closingAnUnorderedCallStopsTheControlStream() throws Exception {
        ResponseStream<Indexed<Text>> responses =
                ClientCalls.unordered(client, EchoService.BLOCKS, Text.of("forever"), NONE);
        Iterator<Indexed<Text>> it = responses.iterator();
        for (int i = 0; i < 3; i++) {
            it.next();
        }
        responses.close();
        awaitLatch(service.cancelled, "the handler to see the cancel");
        long control = callStream(0);
        // SPEC §5.6 step 5.
        awaitStopAnswered(control, false, ErrorCode.CANCELLED);
    }

    private static List<Long> sortedIndexes(int n) {
        List<Long> indexes = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            indexes.add(i);
        }
        return indexes;
    }

    /** Pairs that {@code actual} orders differently from {@code expected}. */
    private static int inversions(List<Long> expected, List<Long> actual) {
        int count = 0;
        for (int i = 0; i < actual.size(); i++) {
            for (int j = i + 1; j < actual.size(); j++) {
                if (expected.indexOf(actual.get(i)) > expected.indexOf(actual.get(j))) {
                    count++;
                }
            }
        }
        return count;
    }

    // ---- @realtime ----

    @Test
    void realtimeSlowReceiverGetsIncreasingMessagesAndTheNewest() throws Exception {
        RealtimeSink<Text> sink = ClientCalls.realtime(client, EchoService.FRAMES, NONE);
        int count = 200;
        for (int i = 0; i < count; i++) {
            sink.send(Text.of(String.format("%04d", i) + "z".repeat(2000)));
        }
        sink.complete();
        awaitLatch(service.framesDone, "the realtime handler to finish");
        List<String> got = new ArrayList<>();
        for (String frame : service.frames) {
            got.add(frame.substring(0, 4));
        }
        assertFalse(got.isEmpty());
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i - 1).compareTo(got.get(i)) < 0, "increasing: " + got);
        }
        assertEquals(String.format("%04d", count - 1), got.get(got.size() - 1), "the newest arrives: " + got);
        assertTrue(got.size() < count, "a slow receiver drops stale messages: " + got.size());
    }

    @Test
    void realtimeToAnUnknownMethodFailsWithUnimplemented() throws Exception {
        RealtimeSink<Text> sink = ClientCalls.realtime(client, EchoService.UNKNOWN_FRAMES, NONE);
        StatusException e = assertThrows(StatusException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                sink.send(Text.of("f" + i));
                Thread.sleep(2);
            }
        });
        assertEquals(StatusCode.UNIMPLEMENTED, e.code());
        // SPEC §5.1: a uni call stream of an unknown method is stopped with FAILED and its status.
        awaitCode(callStream(0), true, STOP, ErrorCode.FAILED);
    }

    @Test
    void realtimeHandlerFailureFailsTheNextSend() throws Exception {
        RealtimeSink<Text> sink = ClientCalls.realtime(client, EchoService.FRAMES, NONE);
        sink.send(Text.of("0000"));
        sink.send(Text.of("boom"));
        // Nothing newer until the handler has it: a newer message would make it stale.
        awaitLatch(service.framesDone, "the handler to fail");
        StatusException e = assertThrows(StatusException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                sink.send(Text.of(String.format("%04d", i + 2)));
                Thread.sleep(2);
            }
        });
        assertEquals(StatusCode.INTERNAL, e.code());
    }

    // ---- everything at once ----

    @Test
    void hundredConcurrentMixedCalls() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                calls.add(callers.submit(() -> {
                    switch (n % 5) {
                        case 0 ->
                            assertEquals(
                                    Text.of("echo:" + n),
                                    ClientCalls.unary(client, EchoService.UNARY, Text.of("" + n), NONE));
                        case 1 -> {
                            int got = 0;
                            try (ResponseStream<Text> r =
                                    ClientCalls.serverStreaming(client, EchoService.COUNT, Text.of("20"), NONE)) {
                                for (Text ignored : r) {
                                    got++;
                                }
                            }
                            assertEquals(20, got);
                        }
                        case 2 -> {
                            ClientStreamCall<Text, Text> c =
                                    ClientCalls.clientStreaming(client, EchoService.CONCAT, NONE);
                            c.send(Text.of("a"));
                            c.send(Text.of("b"));
                            assertEquals(Text.of("ab"), c.complete());
                        }
                        case 3 -> {
                            DuplexCall<Text, Text> d = ClientCalls.duplex(client, EchoService.ECHO, NONE);
                            d.send(Text.of("x"));
                            d.complete();
                            int got = 0;
                            for (Text ignored : d) {
                                got++;
                            }
                            assertEquals(1, got);
                        }
                        default -> {
                            int got = 0;
                            try (ResponseStream<Indexed<Text>> r =
                                    ClientCalls.unordered(client, EchoService.BLOCKS, Text.of("5"), NONE)) {
                                for (Indexed<Text> ignored : r) {
                                    got++;
                                }
                            }
                            assertEquals(5, got);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
