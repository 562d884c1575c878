package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.InProcessChannel;
import io.quicidl.runtime.InProcessServer;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-process transport through its public API only ({@link InProcessServer},
 * {@link InProcessChannel}, {@link ClientCalls}): each pattern, status codes, declared errors,
 * metadata, deadlines, cancellation, limits, stream credit, backpressure, and the close of
 * channels and servers. The scenarios with wire assertions run over the same link in
 * {@link MemoryCallScenariosTest} and {@link MemoryTransportEdgeTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InProcessServerTest {
    private static final CallOptions NONE = CallOptions.DEFAULT;

    private final EchoService service = new EchoService();
    private InProcessServer server;
    private InProcessChannel channel;

    private InProcessChannel start(Limits limits) {
        server = InProcessServer.builder()
                .addService(service.definition())
                .limits(limits)
                .start();
        channel = server.newChannel();
        return channel;
    }

    private InProcessChannel start() {
        return start(Limits.defaults());
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.shutdown(Duration.ofSeconds(2));
        }
        service.shutdown();
    }

    @Test
    void unaryEchoes() {
        assertEquals(Text.of("echo:hi"), ClientCalls.unary(start(), EchoService.UNARY, Text.of("hi"), NONE));
    }

    @Test
    void unaryAsyncCompletesOffTheEventLoop() throws Exception {
        CompletableFuture<Text> future = ClientCalls.unaryAsync(start(), EchoService.UNARY, Text.of("a"), NONE);
        assertEquals(Text.of("echo:a"), future.get(20, TimeUnit.SECONDS));
    }

    @Test
    void statusCodeAndDeclaredErrorArriveAsOverQuic() {
        start();
        StatusException denied = assertThrows(
                StatusException.class, () -> ClientCalls.unary(channel, EchoService.UNARY, Text.of("denied"), NONE));
        assertEquals(StatusCode.PERMISSION_DENIED, denied.code());
        assertEquals("not for you", denied.description());
        NotFound notFound = assertThrows(
                NotFound.class, () -> ClientCalls.unary(channel, EchoService.UNARY, Text.of("notfound:lobby"), NONE));
        assertEquals("lobby", notFound.room());
        StatusException internal = assertThrows(
                StatusException.class, () -> ClientCalls.unary(channel, EchoService.UNARY, Text.of("throw"), NONE));
        assertEquals(StatusCode.INTERNAL, internal.code());
        assertFalse(internal.getMessage().contains("secret"), internal.getMessage());
    }

    @Test
    void unknownMethodIsUnimplemented() {
        StatusException e = assertThrows(
                StatusException.class, () -> ClientCalls.unary(start(), EchoService.UNKNOWN, Text.of("x"), NONE));
        assertEquals(StatusCode.UNIMPLEMENTED, e.code());
    }

    @Test
    void requestMetadataReachesTheHandler() {
        CallOptions options =
                NONE.withMetadata(Metadata.builder().add("who", "ada").build());
        assertEquals(Text.of("ada"), ClientCalls.unary(start(), EchoService.UNARY, Text.of("metadata"), options));
    }

    @Test
    void deadlineFailsTheCallAndCancelsTheHandler() throws Exception {
        CallOptions options = NONE.withTimeout(Duration.ofMillis(200));
        StatusException e = assertThrows(
                StatusException.class, () -> ClientCalls.unary(start(), EchoService.UNARY, Text.of("block"), options));
        assertEquals(StatusCode.DEADLINE_EXCEEDED, e.code());
        assertTrue(service.cancelled.await(20, TimeUnit.SECONDS), "the handler saw the deadline");
    }

    @Test
    void cancellingAUnaryFutureCancelsTheHandler() throws Exception {
        CompletableFuture<Text> future = ClientCalls.unaryAsync(start(), EchoService.UNARY, Text.of("block"), NONE);
        assertTrue(service.blocking.await(20, TimeUnit.SECONDS));
        future.cancel(true);
        assertTrue(service.cancelled.await(20, TimeUnit.SECONDS), "the handler saw the cancel");
    }

    @Test
    void serverStreamingDeliversInOrder() {
        List<String> got = new ArrayList<>();
        try (ResponseStream<Text> responses =
                ClientCalls.serverStreaming(start(), EchoService.COUNT, Text.of("5"), NONE)) {
            responses.forEach(t -> got.add(t.value()));
        }
        assertEquals(List.of("n0", "n1", "n2", "n3", "n4"), got);
    }

    @Test
    void serverStreamingFailureAfterSomeResponsesKeepsItsCode() {
        Iterator<Text> responses = ClientCalls.serverStreaming(
                        start(), EchoService.COUNT, Text.of("fail-after:2"), NONE)
                .iterator();
        assertEquals("n0", responses.next().value());
        assertEquals("n1", responses.next().value());
        StatusException e = assertThrows(StatusException.class, responses::hasNext);
        assertEquals(StatusCode.ABORTED, e.code());
    }

    @Test
    void aReaderThatStopsReadingHoldsTheSenderBack() throws Exception {
        // 64-byte window: the handler can run only a little ahead of a reader that does not read.
        AtomicInteger sent = new AtomicInteger();
        MethodDescriptor<Text, Text> flood = MethodDescriptor.<Text, Text>builder(
                        "/test.Flood/flood", Pattern.SERVER_STREAMING)
                .requestCodec(Text.CODEC)
                .responseCodec(Text.CODEC)
                .build();
        ServiceDefinition definition = ServiceDefinition.builder("test.Flood")
                .add(ServerMethod.serverStreaming(flood, (request, responses, context) -> {
                    while (!context.isCancelled()) {
                        responses.send(Text.ofSize(100));
                        sent.incrementAndGet();
                    }
                }))
                .build();
        server = InProcessServer.builder()
                .addService(definition)
                .limits(Limits.defaults().withWindows(64, 1024))
                .start();
        channel = server.newChannel();
        try (ResponseStream<Text> responses = ClientCalls.serverStreaming(channel, flood, Text.of(""), NONE)) {
            Iterator<Text> iterator = responses.iterator();
            iterator.next();
            int afterPause = awaitSettled(sent);
            Thread.sleep(300);
            assertEquals(afterPause, sent.get(), "the handler kept sending to a reader that does not read");
            assertTrue(afterPause < 1_000, "sent " + afterPause + " while the reader read one");
            // More than were sent during the pause: only a sender that goes on again provides them.
            for (int i = 0; i < afterPause + 10; i++) {
                iterator.next();
            }
            assertTrue(sent.get() > afterPause, "reading lets the sender go on");
        }
    }

    /** The counter's value once it stopped moving for 200 ms; fails if it never does. */
    private static int awaitSettled(AtomicInteger counter) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int last = counter.get();
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            int now = counter.get();
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the sender never stopped: " + last + " sent");
    }

    @Test
    void clientStreamingConcatenates() {
        ClientStreamCall<Text, Text> call = ClientCalls.clientStreaming(start(), EchoService.CONCAT, NONE);
        call.send(Text.of("a"));
        call.send(Text.of("b"));
        assertEquals(Text.of("ab"), call.complete());
    }

    @Test
    void duplexEchoesWhileSending() {
        DuplexCall<Text, Text> call = ClientCalls.duplex(start(), EchoService.ECHO, NONE);
        Iterator<Text> responses = call.iterator();
        for (int i = 0; i < 20; i++) {
            call.send(Text.of("m" + i));
            assertEquals(Text.of("m" + i), responses.next());
        }
        call.complete();
        assertFalse(responses.hasNext());
    }

    @Test
    void notificationsArriveInOrder() throws Exception {
        NotificationSink<Text> sink = ClientCalls.notifications(start(), EchoService.NOTIFY, NONE);
        sink.send(Text.of("a"));
        sink.send(Text.of("b"));
        sink.complete();
        assertTrue(service.notifyDone.await(20, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b"), service.notified);
    }

    @Test
    void unorderedDeliversEveryIndexOnce() {
        Set<Long> indexes = new TreeSet<>();
        try (ResponseStream<Indexed<Text>> blocks =
                ClientCalls.unordered(start(), EchoService.BLOCKS, Text.of("8"), NONE)) {
            for (Indexed<Text> block : blocks) {
                assertEquals("block-" + block.index(), block.value().value());
                assertTrue(indexes.add(block.index()), "index " + block.index() + " twice");
            }
        }
        assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), indexes);
    }

    @Test
    void realtimeDeliversTheNewestMessage() throws Exception {
        RealtimeSink<Text> sink = ClientCalls.realtime(start(), EchoService.FRAMES, NONE);
        sink.send(Text.of("0000"));
        sink.send(Text.of("0001"));
        sink.complete();
        assertTrue(service.framesDone.await(20, TimeUnit.SECONDS));
        assertEquals("0001", service.frames.get(service.frames.size() - 1));
    }

    @Test
    void messageOverTheLimitIsResourceExhausted() {
        StatusException e = assertThrows(
                StatusException.class,
                () -> ClientCalls.unary(
                        start(Limits.defaults().withMaxMessageBytes(1024)),
                        EchoService.UNARY,
                        Text.ofSize(2000),
                        NONE));
        assertEquals(StatusCode.RESOURCE_EXHAUSTED, e.code());
    }

    @Test
    void metadataOverTheLimitIsResourceExhausted() {
        CallOptions big =
                NONE.withMetadata(Metadata.builder().add("k", "v".repeat(200)).build());
        StatusException e = assertThrows(
                StatusException.class,
                () -> ClientCalls.unary(
                        start(Limits.defaults().withMaxMetadataBytes(100)), EchoService.UNARY, Text.of("x"), big));
        assertEquals(StatusCode.RESOURCE_EXHAUSTED, e.code());
    }

    @Test
    void callsBeyondTheStreamLimitWaitForCredit() throws Exception {
        start(Limits.defaults().withMaxConcurrentStreams(2, 2));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Text>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String value = Integer.toString(i);
                calls.add(callers.submit(() -> ClientCalls.unary(channel, EchoService.UNARY, Text.of(value), NONE)));
            }
            for (int i = 0; i < 40; i++) {
                assertEquals(Text.of("echo:" + i), calls.get(i).get(20, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void channelsAreIndependentConnections() {
        start();
        InProcessChannel other = server.newChannel();
        assertEquals(Text.of("echo:1"), ClientCalls.unary(other, EchoService.UNARY, Text.of("1"), NONE));
        other.close();
        StatusException e = assertThrows(
                StatusException.class, () -> ClientCalls.unary(other, EchoService.UNARY, Text.of("2"), NONE));
        assertEquals(StatusCode.UNAVAILABLE, e.code());
        assertEquals(Text.of("echo:3"), ClientCalls.unary(channel, EchoService.UNARY, Text.of("3"), NONE));
    }

    @Test
    void closingAChannelLetsCallsInFlightFinish() throws Exception {
        start();
        ResponseStream<Text> responses = ClientCalls.serverStreaming(channel, EchoService.COUNT, Text.of("3"), NONE);
        Iterator<Text> iterator = responses.iterator();
        assertEquals("n0", iterator.next().value());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> channel.close(Duration.ofSeconds(10)));
        assertEquals("n1", iterator.next().value());
        assertEquals("n2", iterator.next().value());
        assertFalse(iterator.hasNext());
        closing.get(20, TimeUnit.SECONDS);
    }

    @Test
    void callStillRunningWhenTheGraceEndsFailsUnavailable() throws Exception {
        start();
        CompletableFuture<Text> blocked = ClientCalls.unaryAsync(channel, EchoService.UNARY, Text.of("block"), NONE);
        assertTrue(service.blocking.await(20, TimeUnit.SECONDS));
        channel.close(Duration.ofMillis(100));
        Exception e = assertThrows(Exception.class, () -> blocked.get(20, TimeUnit.SECONDS));
        assertEquals(StatusCode.UNAVAILABLE, ((StatusException) e.getCause()).code());
        assertTrue(service.blockEnded.await(20, TimeUnit.SECONDS), "the handler was told");
    }

    @Test
    void closedServerMakesNoChannelsAndClosesItsOwn() {
        start();
        server.close();
        assertThrows(IllegalStateException.class, server::newChannel);
        StatusException e = assertThrows(
                StatusException.class, () -> ClientCalls.unary(channel, EchoService.UNARY, Text.of("x"), NONE));
        assertEquals(StatusCode.UNAVAILABLE, e.code());
    }

    @Test
    void serverWithoutServicesDoesNotStart() {
        assertThrows(
                IllegalStateException.class, () -> InProcessServer.builder().start());
    }
}
