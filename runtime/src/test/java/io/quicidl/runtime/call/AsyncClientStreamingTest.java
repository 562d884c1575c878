package io.quicidl.runtime.call;

import static io.quicidl.runtime.call.CallScenarios.await;
import static io.quicidl.runtime.call.CallScenarios.awaitLatch;
import static io.quicidl.runtime.call.WireRecord.Kind.RESET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.AsyncClientStreamCall;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The asynchronous helpers of the patterns where the client streams ({@code clientStreamingAsync},
 * {@code duplexAsync}, {@code notificationsAsync}, {@code realtimeAsync}) over the in-memory
 * transport: normal runs fed by a {@link SubmissionPublisher}, bounded demand, a publisher's
 * error and a cancelled future or subscription cancelling the call on the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncClientStreamingTest {
    private static final CallOptions NONE = CallOptions.DEFAULT;
    private static final int COUNT = 300;

    private EchoService service;
    private ConnectionPair pair;
    private Channel client;
    private WireRecord wire;
    private SubmissionPublisher<Text> requests;

    @BeforeEach
    void open() throws Exception {
        service = new EchoService();
        pair = MemoryTransport.factory(new MemoryTransport.Settings()).open(new Router(List.of(service.definition())));
        client = pair.channel();
        wire = pair.wire();
        requests = new SubmissionPublisher<>();
    }

    @AfterEach
    void close() throws Exception {
        requests.close();
        try {
            pair.awaitQuiet();
        } finally {
            pair.close();
            service.shutdown();
        }
    }

    private long callStream(int n) throws InterruptedException {
        await(() -> wire.streamsWith(true, FrameType.CALL).size() > n, "call stream " + n, wire);
        return wire.streamsWith(true, FrameType.CALL).get(n);
    }

    private void awaitReset(long stream, ErrorCode code) throws InterruptedException {
        await(() -> wire.codes(stream, true, RESET).contains(code), "RESET " + code + " on stream " + stream, wire);
    }

    private void awaitUnsubscribed() throws InterruptedException {
        await(() -> requests.getNumberOfSubscribers() == 0, "the requests subscription to be cancelled", wire);
    }

    /**
     * SPEC §5.7: a cancelled realtime call resets the streams still sending with CANCELLED (here
     * the one message has been sent) and ends with its {@code realtime_end} stream: CALL, FIN.
     */
    private void awaitRealtimeEnd() throws InterruptedException {
        long end = callStream(1);
        await(() -> wire.finished(end, true), "the realtime_end stream", wire);
        assertEquals(List.of(FrameType.CALL), wire.frames(end, true));
    }

    private List<String> submitAll(String prefix, int bytes) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String value = String.format("%s%04d", prefix, i) + "x".repeat(bytes);
            requests.submit(Text.of(value));
            sent.add(value);
        }
        requests.close();
        return sent;
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return e.getCause();
    }

    // ---- @client_streaming ----

    @Test
    void clientStreamingAsyncSendsEveryRequestAndCompletesWithTheResponse() throws Exception {
        CompletableFuture<Text> response = ClientCalls.clientStreamingAsync(client, EchoService.CONCAT, requests, NONE);
        List<String> sent = submitAll("m", 100);
        assertEquals(Text.of(String.join("", sent)), response.get(20, TimeUnit.SECONDS));
        long stream = callStream(0);
        assertEquals(COUNT + 1, wire.frames(stream, true).size());
        assertTrue(wire.finished(stream, true));
    }

    @Test
    void clientStreamingAsyncPublisherErrorCancelsTheCall() throws Exception {
        CompletableFuture<Text> response = ClientCalls.clientStreamingAsync(client, EchoService.CONCAT, requests, NONE);
        requests.submit(Text.of("a"));
        long stream = callStream(0);
        await(() -> wire.frames(stream, true).size() == 2, "the first request", wire);
        // A call cancelled before its handler starts never runs it: wait until the handler reads.
        awaitLatch(service.concatReading, "the handler to read the first request");
        IllegalStateException error = new IllegalStateException("the source broke");
        requests.closeExceptionally(error);
        assertSame(error, failureOf(response));
        awaitReset(stream, ErrorCode.CANCELLED);
        awaitLatch(service.cancelled, "the handler to see the cancel");
    }

    @Test
    void cancellingTheClientStreamingFutureCancelsTheCallAndTheSubscription() throws Exception {
        CompletableFuture<Text> response = ClientCalls.clientStreamingAsync(client, EchoService.CONCAT, requests, NONE);
        requests.submit(Text.of("a"));
        long stream = callStream(0);
        await(() -> wire.frames(stream, true).size() == 2, "the first request", wire);
        // A call cancelled before its handler starts never runs it: wait until the handler reads.
        awaitLatch(service.concatReading, "the handler to read the first request");
        assertTrue(response.cancel(true));
        awaitReset(stream, ErrorCode.CANCELLED);
        awaitLatch(service.cancelled, "the handler to see the cancel");
        awaitUnsubscribed();
    }

    @Test
    void cancellingTheClientStreamingSinkResetsTheStreamAndFailsTheResponse() throws Exception {
        AsyncClientStreamCall<Text, Text> call = ClientCalls.clientStreamingAsync(client, EchoService.CONCAT, NONE);
        call.send(Text.of("a")).toCompletableFuture().get(20, TimeUnit.SECONDS);
        long stream = callStream(0);
        await(() -> wire.frames(stream, true).size() == 2, "the first request", wire);
        // A call cancelled before its handler starts never runs it: wait until the handler reads.
        awaitLatch(service.concatReading, "the handler to read the first request");
        call.cancel();
        awaitReset(stream, ErrorCode.CANCELLED);
        awaitLatch(service.cancelled, "the handler to see the cancel");
        StatusException e = assertInstanceOf(StatusException.class, failureOf(call.response()));
        assertEquals(StatusCode.CANCELLED, e.code());
        assertThrows(
                ExecutionException.class,
                () -> call.send(Text.of("late")).toCompletableFuture().get(20, TimeUnit.SECONDS));
    }

    @Test
    void demandNeverExceedsTheBuffer() throws Exception {
        AtomicLong requested = new AtomicLong();
        AtomicReference<Flow.Subscriber<? super Text>> subscriber = new AtomicReference<>();
        Flow.Publisher<Text> silent = s -> {
            subscriber.set(s);
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                }

                @Override
                public void cancel() {}
            });
        };
        CompletableFuture<Text> response = ClientCalls.clientStreamingAsync(client, EchoService.CONCAT, silent, NONE);
        assertEquals(RequestPump.BUFFER, requested.get());
        for (int i = 0; i < 5; i++) {
            subscriber.get().onNext(Text.of("p" + i));
        }
        await(() -> requested.get() == RequestPump.BUFFER + 5, "one more request per message sent", wire);
        subscriber.get().onComplete();
        assertEquals(Text.of("p0p1p2p3p4"), response.get(20, TimeUnit.SECONDS));
        assertEquals(RequestPump.BUFFER + 5, requested.get());
    }

    // ---- @duplex ----

    /** Collects a response publisher's items; {@code done} completes with its end. */
    private static final class Collector implements Flow.Subscriber<Text> {
        final List<String> got = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            s.request(Long.MAX_VALUE);
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
    }

    @Test
    void duplexAsyncEchoesEveryRequest() throws Exception {
        Collector responses = new Collector();
        ClientCalls.duplexAsync(client, EchoService.ECHO, requests, NONE).subscribe(responses);
        await(() -> requests.getNumberOfSubscribers() == 1, "the call to subscribe to the requests", wire);
        List<String> sent = submitAll("d", 1000);
        responses.done.get(20, TimeUnit.SECONDS);
        assertEquals(sent, responses.got);
        long stream = callStream(0);
        assertTrue(wire.finished(stream, true));
        assertEquals(FrameType.STATUS, wire.frames(stream, false).get(COUNT));
    }

    @Test
    void duplexAsyncPublisherErrorCancelsTheCall() throws Exception {
        Collector responses = new Collector();
        ClientCalls.duplexAsync(client, EchoService.ECHO, requests, NONE).subscribe(responses);
        await(() -> requests.getNumberOfSubscribers() == 1, "the call to subscribe to the requests", wire);
        requests.submit(Text.of("one"));
        await(() -> responses.got.size() == 1, "the first echo", wire);
        requests.closeExceptionally(new IllegalStateException("the source broke"));
        long stream = callStream(0);
        awaitReset(stream, ErrorCode.CANCELLED);
        awaitLatch(service.cancelled, "the handler to see the cancel");
        StatusException e = assertInstanceOf(StatusException.class, failureOf(responses.done));
        assertEquals(StatusCode.CANCELLED, e.code());
    }

    @Test
    void cancellingTheDuplexSubscriptionCancelsTheCallAndTheRequests() throws Exception {
        Collector responses = new Collector();
        ClientCalls.duplexAsync(client, EchoService.ECHO, requests, NONE).subscribe(responses);
        await(() -> requests.getNumberOfSubscribers() == 1, "the call to subscribe to the requests", wire);
        requests.submit(Text.of("one"));
        await(() -> responses.got.size() == 1, "the first echo", wire);
        responses.subscription.get().cancel();
        long stream = callStream(0);
        awaitReset(stream, ErrorCode.CANCELLED);
        awaitLatch(service.cancelled, "the handler to see the cancel");
        awaitUnsubscribed();
    }

    // ---- @notifications ----

    @Test
    void notificationsAsyncDeliversEveryMessageInOrder() throws Exception {
        CompletableFuture<Void> done = ClientCalls.notificationsAsync(client, EchoService.NOTIFY, requests, NONE);
        List<String> sent = submitAll("e", 100);
        done.get(20, TimeUnit.SECONDS);
        awaitLatch(service.notifyDone, "the handler to finish");
        assertEquals(sent, service.notified);
        assertTrue(wire.finished(callStream(0), true));
    }

    @Test
    void notificationsAsyncPublisherErrorCancelsTheCall() throws Exception {
        CompletableFuture<Void> done = ClientCalls.notificationsAsync(client, EchoService.NOTIFY, requests, NONE);
        requests.submit(Text.of("one"));
        await(() -> service.notified.size() == 1, "the first notification", wire);
        IllegalStateException error = new IllegalStateException("the source broke");
        requests.closeExceptionally(error);
        assertSame(error, failureOf(done));
        awaitReset(callStream(0), ErrorCode.CANCELLED);
        awaitLatch(service.cancelled, "the handler to see the cancel");
    }

    @Test
    void cancellingTheNotificationsFutureCancelsTheCall() throws Exception {
        CompletableFuture<Void> done = ClientCalls.notificationsAsync(client, EchoService.NOTIFY, requests, NONE);
        requests.submit(Text.of("one"));
        await(() -> service.notified.size() == 1, "the first notification", wire);
        assertTrue(done.cancel(true));
        assertThrows(CancellationException.class, done::join);
        awaitReset(callStream(0), ErrorCode.CANCELLED);
        awaitLatch(service.cancelled, "the handler to see the cancel");
        awaitUnsubscribed();
    }

    // ---- @realtime ----

    @Test
    void realtimeAsyncSendsAndTheNewestArrives() throws Exception {
        CompletableFuture<Void> done = ClientCalls.realtimeAsync(client, EchoService.FRAMES, requests, NONE);
        submitAll("", 2000);
        done.get(20, TimeUnit.SECONDS);
        awaitLatch(service.framesDone, "the realtime handler to finish");
        List<String> got = new ArrayList<>();
        for (String frame : service.frames) {
            got.add(frame.substring(0, 4));
        }
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i - 1).compareTo(got.get(i)) < 0, "increasing: " + got);
        }
        assertEquals(String.format("%04d", COUNT - 1), got.get(got.size() - 1), "the newest arrives: " + got);
    }

    @Test
    void realtimeAsyncPublisherErrorCancelsTheCall() throws Exception {
        CompletableFuture<Void> done = ClientCalls.realtimeAsync(client, EchoService.FRAMES, requests, NONE);
        requests.submit(Text.of("0000"));
        await(() -> service.frames.size() == 1, "the first frame", wire);
        IllegalStateException error = new IllegalStateException("the source broke");
        requests.closeExceptionally(error);
        assertSame(error, failureOf(done));
        awaitRealtimeEnd();
        awaitLatch(service.framesDone, "the call to end at the server");
        assertEquals(List.of("0000"), service.frames);
    }

    @Test
    void cancellingTheRealtimeFutureCancelsTheCall() throws Exception {
        CompletableFuture<Void> done = ClientCalls.realtimeAsync(client, EchoService.FRAMES, requests, NONE);
        requests.submit(Text.of("0000"));
        await(() -> service.frames.size() == 1, "the first frame", wire);
        assertTrue(done.cancel(true));
        awaitRealtimeEnd();
        awaitLatch(service.framesDone, "the call to end at the server");
        awaitUnsubscribed();
    }
}
