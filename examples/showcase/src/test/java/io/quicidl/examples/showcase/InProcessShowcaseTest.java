package io.quicidl.examples.showcase;

import static io.quicidl.examples.showcase.ShowcaseService.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quicidl.runtime.AsyncDuplexCall;
import io.quicidl.runtime.AsyncNotificationSink;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.InProcessChannel;
import io.quicidl.runtime.InProcessServer;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generated showcase stubs against the showcase service in the same JVM, with no socket:
 * every pattern through {@link ShowcaseClient} and {@link ShowcaseAsyncClient} built on an
 * {@link InProcessChannel}, as a user would test their own service.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InProcessShowcaseTest {
    private final ShowcaseService service = new ShowcaseService();
    private InProcessServer server;
    private InProcessChannel channel;
    private ShowcaseClient client;

    @BeforeEach
    void start() {
        server = InProcessServer.builder()
                .addService(ShowcaseServerBinding.bind(service))
                .start();
        channel = server.newChannel();
        client = new ShowcaseClient(channel);
    }

    @AfterEach
    void stop() {
        channel.close();
        server.close();
    }

    @Test
    void unaryAnswersAndDeclaredErrorsArriveTyped() {
        assertEquals("HELLO", client.shout(text("hello")).value());
        Rejected rejected = assertThrows(Rejected.class, () -> client.shout(text(" ")));
        assertEquals("there is nothing to shout", rejected.reason());
    }

    @Test
    void handlerStatusKeepsItsCode() {
        List<String> got = new ArrayList<>();
        StatusException e = assertThrows(StatusException.class, () -> {
            try (ResponseStream<Text> numbers = client.countdown(text("three"))) {
                numbers.forEach(n -> got.add(n.value()));
            }
        });
        assertEquals(StatusCode.INVALID_ARGUMENT, e.code());
        assertEquals(List.of(), got);
    }

    @Test
    void serverStreamingCountsDownAndACloseCancelsTheHandler() throws Exception {
        List<String> numbers = new ArrayList<>();
        try (ResponseStream<Text> responses = client.countdown(text("3"))) {
            responses.forEach(n -> numbers.add(n.value()));
        }
        assertEquals(List.of("3", "2", "1"), numbers);
        try (ResponseStream<Text> responses = client.countdown(text("1000000"))) {
            Iterator<Text> iterator = responses.iterator();
            iterator.next();
            iterator.next();
        }
        assertEquals(StatusCode.CANCELLED, service.countdownStopped.get(20, TimeUnit.SECONDS));
    }

    @Test
    void deadlineEndsACallThatTakesTooLong() {
        // A reader that takes a millisecond per number cannot read a hundred million in 100 ms.
        CallOptions soon = CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100));
        StatusException e = assertThrows(StatusException.class, () -> {
            try (ResponseStream<Text> numbers = client.countdown(text("100000000"), soon)) {
                for (Text ignored : numbers) {
                    Thread.sleep(1);
                }
            }
        });
        assertEquals(StatusCode.DEADLINE_EXCEEDED, e.code());
    }

    @Test
    void clientStreamingSummarizes() {
        ClientStreamCall<Text, Summary> call = client.summarize(CallOptions.DEFAULT.withMetadata(
                Metadata.builder().add("trace", "t-1").build()));
        List.of("one", "two", "three").forEach(word -> call.send(text(word)));
        Summary summary = call.complete();
        assertEquals(3, summary.count());
        assertEquals(11, summary.totalBytes());
    }

    @Test
    void duplexEchoesEachTextBeforeTheNextIsSent() {
        DuplexCall<Text, Text> call = client.echo();
        Iterator<Text> replies = call.iterator();
        for (String word : List.of("ping", "pong", "ping")) {
            call.send(text(word));
            assertEquals(word, replies.next().value());
        }
        call.complete();
        assertFalse(replies.hasNext());
    }

    @Test
    void notificationsArriveInOrder() throws Exception {
        NotificationSink<Text> log = client.log();
        List.of("starting", "working", "done").forEach(line -> log.send(text(line)));
        log.complete();
        assertEquals(List.of("starting", "working", "done"), service.loggedLines.get(20, TimeUnit.SECONDS));
    }

    @Test
    void unorderedDeliversEveryBlockIntact() {
        Set<Long> indexes = new TreeSet<>();
        BlockRequest request =
                BlockRequest.newBuilder().count(8).blockBytes(16 * 1024).build();
        try (ResponseStream<Indexed<Block>> blocks = client.blocks(request)) {
            for (Indexed<Block> block : blocks) {
                assertEquals(ShowcaseService.block(block.index(), 16 * 1024), block.value());
                indexes.add(block.index());
            }
        }
        assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), indexes);
    }

    @Test
    void realtimeShowsTheNewestFrameLast() throws Exception {
        RealtimeSink<Frame> feed = client.feed();
        ByteString pixels = ByteString.copyFrom(new byte[32 * 1024]);
        for (int sequence = 0; sequence < 20; sequence++) {
            feed.send(Frame.newBuilder().sequence(sequence).pixels(pixels).build());
        }
        feed.complete();
        List<Long> shown = service.shownFrames.get(20, TimeUnit.SECONDS);
        assertEquals(19L, shown.get(shown.size() - 1));
        for (int i = 1; i < shown.size(); i++) {
            assertTrue(shown.get(i) > shown.get(i - 1), "frames shown out of order: " + shown);
        }
    }

    @Test
    void asyncStubWorksOnTheSameChannel() throws Exception {
        ShowcaseAsyncClient async = new ShowcaseAsyncClient(channel);
        assertEquals("HI", async.shout(text("hi")).get(20, TimeUnit.SECONDS).value());
        ExecutionException failed = assertThrows(
                ExecutionException.class, () -> async.shout(text("")).get(20, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof Rejected, failed.toString());
        SubmissionPublisher<Text> words = new SubmissionPublisher<>();
        var summary = async.summarize(words);
        words.submit(text("ab"));
        words.submit(text("cde"));
        words.close();
        assertEquals(5, summary.get(20, TimeUnit.SECONDS).totalBytes());
        assertEquals(List.of("3", "2", "1"), collect(async.countdown(text("3"))));
    }

    @Test
    void asyncSinksTakeRequestsWithoutBlocking() throws Exception {
        ShowcaseAsyncClient async = new ShowcaseAsyncClient(channel);
        AsyncDuplexCall<Text, Text> echo = async.echo();
        echo.send(text("one")).thenCompose(sent -> echo.send(text("two"))).thenRun(echo::complete);
        assertEquals(List.of("one", "two"), collect(echo.responses()));

        AsyncNotificationSink<Text> log = async.log();
        CompletionStage<Void> sent = CompletableFuture.completedFuture(null);
        for (String line : List.of("starting", "working", "done")) {
            sent = sent.thenCompose(previous -> log.send(text(line)));
        }
        sent.thenRun(log::complete);
        log.done().get(20, TimeUnit.SECONDS);
        assertEquals(List.of("starting", "working", "done"), service.loggedLines.get(20, TimeUnit.SECONDS));
    }

    @Test
    void closedChannelFailsNewCallsWithUnavailable() {
        channel.close();
        StatusException e = assertThrows(StatusException.class, () -> client.shout(text("late")));
        assertEquals(StatusCode.UNAVAILABLE, e.code());
    }

    private static List<String> collect(Flow.Publisher<Text> publisher) throws Exception {
        List<String> values = new ArrayList<>();
        CompletableFuture<List<String>> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Text item) {
                values.add(item.value());
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(values);
            }
        });
        return done.get(20, TimeUnit.SECONDS);
    }
}
