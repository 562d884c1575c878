package io.quicidl.codegen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.chat.Block;
import com.acme.chat.BlockRequest;
import com.acme.chat.ChatAsyncClient;
import com.acme.chat.ChatClient;
import com.acme.chat.ChatMessage;
import com.acme.chat.ChatServer;
import com.acme.chat.ChatServerBinding;
import com.acme.chat.Chunk;
import com.acme.chat.History;
import com.acme.chat.HistoryRequest;
import com.acme.chat.PresenceEvent;
import com.acme.chat.Room;
import com.acme.chat.RoomNotFound;
import com.acme.chat.UploadReceipt;
import com.acme.chat.VideoFrame;
import com.google.protobuf.ByteString;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.UnorderedSink;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generated code of golden {@code all_patterns} (compiled into the tests; GoldenTest keeps it
 * equal to the generator's output) running all seven patterns through a real {@link Client} and
 * {@link Server} over loopback QUIC.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AllPatternsEndToEndTest {

    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    private static final BlockingQueue<PresenceEvent> PUBLISHED = new LinkedBlockingQueue<>();
    private static final BlockingQueue<Long> FRAMES = new LinkedBlockingQueue<>();

    private static Server server;
    private static Client client;

    /** A chat server whose handlers answer from their inputs. */
    static final class Chat implements ChatServer {
        @Override
        public History history(HistoryRequest request, ServerCallContext context) throws RoomNotFound {
            if (request.room().equals("missing")) {
                throw new RoomNotFound(request.room());
            }
            List<ChatMessage> messages = new ArrayList<>();
            for (int i = 0; i < request.limit(); i++) {
                messages.add(ChatMessage.newBuilder()
                        .author(request.room())
                        .text("m" + i)
                        .build());
            }
            return History.newBuilder().messages(messages).build();
        }

        @Override
        public void subscribe(Room request, ResponseSink<ChatMessage> responses, ServerCallContext context)
                throws RoomNotFound {
            if (request.name().equals("missing")) {
                throw new RoomNotFound(request.name());
            }
            for (int i = 0; i < 3; i++) {
                responses.send(ChatMessage.newBuilder()
                        .author(request.name())
                        .text("event " + i)
                        .build());
            }
        }

        @Override
        public UploadReceipt upload(RequestStream<Chunk> requests, ServerCallContext context) {
            long size = 0;
            for (Chunk chunk : requests) {
                size += chunk.data().size();
            }
            return UploadReceipt.newBuilder().size(size).build();
        }

        @Override
        public void converse(
                RequestStream<ChatMessage> requests, ResponseSink<ChatMessage> responses, ServerCallContext context) {
            for (ChatMessage message : requests) {
                responses.send(message.toBuilder()
                        .text(message.text().toUpperCase(java.util.Locale.ROOT))
                        .build());
            }
        }

        @Override
        public void publish(RequestStream<PresenceEvent> requests, ServerCallContext context) {
            requests.forEach(PUBLISHED::add);
        }

        @Override
        public void fetchBlocks(BlockRequest request, UnorderedSink<Block> responses, ServerCallContext context) {
            for (int i = request.count() - 1; i >= 0; i--) {
                int index = request.first() + i;
                responses.send(
                        index,
                        Block.newBuilder()
                                .index(index)
                                .data(ByteString.copyFromUtf8("b" + index))
                                .build());
            }
        }

        @Override
        public void frames(RequestStream<VideoFrame> requests, ServerCallContext context) {
            requests.forEach(frame -> FRAMES.add(frame.sequence()));
        }
    }

    @BeforeAll
    static void start() {
        server = Server.builder()
                .identity(IDENTITY)
                .addService(ChatServerBinding.bind(new Chat()))
                .start();
        client = Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .connect();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close(Duration.ofSeconds(5));
        }
        if (server != null) {
            server.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void unaryReturnsTheResponseAndDeclaredErrorsArriveTyped() {
        ChatClient chat = new ChatClient(client);
        History history =
                chat.history(HistoryRequest.newBuilder().room("lobby").limit(2).build());
        assertEquals(
                List.of("m0", "m1"),
                history.messages().stream().map(ChatMessage::text).toList());

        RoomNotFound error = assertThrows(
                RoomNotFound.class,
                () -> chat.history(
                        HistoryRequest.newBuilder().room("missing").build(),
                        CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(10))));
        assertEquals("missing", error.room());
    }

    /** A cold publisher: each subscriber gets {@code items}, then the end. */
    private static <T> Flow.Publisher<T> publisherOf(List<T> items) {
        return subscriber -> {
            SubmissionPublisher<T> publisher = new SubmissionPublisher<>();
            publisher.subscribe(subscriber);
            items.forEach(publisher::submit);
            publisher.close();
        };
    }

    /** Collects a publisher's items until its end. */
    private static <T> CompletableFuture<List<T>> collect(Flow.Publisher<T> publisher) {
        CompletableFuture<List<T>> received = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<T>() {
            private final List<T> items = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
                items.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                received.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                received.complete(items);
            }
        });
        return received;
    }

    @Test
    void asyncUnaryCompletesAndFailsTyped() throws Exception {
        ChatAsyncClient chat = new ChatAsyncClient(client);
        assertEquals(
                3,
                chat.history(HistoryRequest.newBuilder().room("a").limit(3).build())
                        .get(20, TimeUnit.SECONDS)
                        .messages()
                        .size());
        ExecutionException failed = assertThrows(
                ExecutionException.class,
                () -> chat.history(HistoryRequest.newBuilder().room("missing").build())
                        .get(20, TimeUnit.SECONDS));
        assertInstanceOf(RoomNotFound.class, failed.getCause());
    }

    @Test
    void serverStreamingDeliversEveryResponseAndErrorsTyped() {
        ChatClient chat = new ChatClient(client);
        List<String> texts = new ArrayList<>();
        try (ResponseStream<ChatMessage> stream =
                chat.subscribe(Room.newBuilder().name("r").build())) {
            stream.forEach(m -> texts.add(m.text()));
        }
        assertEquals(List.of("event 0", "event 1", "event 2"), texts);

        RoomNotFound error = assertThrows(RoomNotFound.class, () -> {
            try (ResponseStream<ChatMessage> stream =
                    chat.subscribe(Room.newBuilder().name("missing").build())) {
                stream.forEach(m -> {});
            }
        });
        assertEquals("missing", error.room());
    }

    @Test
    void serverStreamingPublisherDeliversEveryResponse() throws Exception {
        CompletableFuture<List<String>> received = new CompletableFuture<>();
        new ChatAsyncClient(client)
                .subscribe(Room.newBuilder().name("p").build())
                .subscribe(new Flow.Subscriber<>() {
                    private final List<String> texts = new ArrayList<>();

                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(ChatMessage item) {
                        texts.add(item.text());
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        received.completeExceptionally(throwable);
                    }

                    @Override
                    public void onComplete() {
                        received.complete(texts);
                    }
                });
        assertEquals(List.of("event 0", "event 1", "event 2"), received.get(20, TimeUnit.SECONDS));
    }

    @Test
    void clientStreamingSendsEveryRequestThenGetsTheResponse() {
        ClientStreamCall<Chunk, UploadReceipt> upload = new ChatClient(client).upload();
        for (int i = 0; i < 10; i++) {
            upload.send(
                    Chunk.newBuilder().data(ByteString.copyFrom(new byte[1000])).build());
        }
        assertEquals(10_000, upload.complete().size());
    }

    @Test
    void asyncClientStreamingSendsThePublishersRequests() throws Exception {
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            chunks.add(
                    Chunk.newBuilder().data(ByteString.copyFrom(new byte[1000])).build());
        }
        assertEquals(
                10_000,
                new ChatAsyncClient(client)
                        .upload(publisherOf(chunks))
                        .get(20, TimeUnit.SECONDS)
                        .size());
    }

    @Test
    void asyncDuplexEchoesThePublishersRequests() throws Exception {
        List<ChatMessage> messages = new ArrayList<>();
        for (String text : List.of("a", "b", "c")) {
            messages.add(ChatMessage.newBuilder().author("me").text(text).build());
        }
        List<ChatMessage> echoed = collect(new ChatAsyncClient(client).converse(publisherOf(messages)))
                .get(20, TimeUnit.SECONDS);
        assertEquals(
                List.of("A", "B", "C"), echoed.stream().map(ChatMessage::text).toList());
    }

    @Test
    void duplexEchoesWhileBothSidesStream() {
        DuplexCall<ChatMessage, ChatMessage> call = new ChatClient(client).converse();
        List<String> echoed = new ArrayList<>();
        for (String text : List.of("a", "b", "c")) {
            call.send(ChatMessage.newBuilder().author("me").text(text).build());
        }
        call.complete();
        call.forEach(m -> echoed.add(m.text()));
        assertEquals(List.of("A", "B", "C"), echoed);
    }

    @Test
    void notificationsArriveInOrder() throws InterruptedException {
        PUBLISHED.clear();
        NotificationSink<PresenceEvent> sink = new ChatClient(client).publish();
        for (String user : List.of("ann", "bob", "cy")) {
            sink.send(PresenceEvent.newBuilder().user(user).online(true).build());
        }
        sink.complete();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PresenceEvent event = PUBLISHED.poll(20, TimeUnit.SECONDS);
            assertTrue(event != null, "notification " + i + " did not arrive");
            users.add(event.user());
        }
        assertEquals(List.of("ann", "bob", "cy"), users);
    }

    @Test
    void asyncNotificationsArriveInOrder() throws Exception {
        PUBLISHED.clear();
        List<PresenceEvent> events = new ArrayList<>();
        for (String user : List.of("dee", "eve")) {
            events.add(PresenceEvent.newBuilder().user(user).online(false).build());
        }
        new ChatAsyncClient(client).publish(publisherOf(events)).get(20, TimeUnit.SECONDS);
        for (PresenceEvent expected : events) {
            assertEquals(expected, PUBLISHED.poll(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void unorderedDeliversEveryIndexedResponse() {
        Set<Long> indexes = new HashSet<>();
        try (ResponseStream<Indexed<Block>> blocks = new ChatClient(client)
                .fetchBlocks(BlockRequest.newBuilder().first(10).count(5).build())) {
            for (Indexed<Block> block : blocks) {
                assertEquals(block.index(), block.value().index());
                indexes.add(block.index());
            }
        }
        assertEquals(Set.of(10L, 11L, 12L, 13L, 14L), indexes);
    }

    @Test
    void realtimeDeliversTheNewestFrame() throws InterruptedException {
        FRAMES.clear();
        RealtimeSink<VideoFrame> frames = new ChatClient(client).frames();
        for (long sequence = 1; sequence <= 5; sequence++) {
            frames.send(VideoFrame.newBuilder()
                    .sequence(sequence)
                    .pixels(ByteString.copyFromUtf8("px"))
                    .build());
        }
        frames.complete();
        Long last = null;
        for (Long s = FRAMES.poll(20, TimeUnit.SECONDS); s != null; s = FRAMES.poll(1, TimeUnit.SECONDS)) {
            last = s;
        }
        assertEquals(5L, last);
    }

    @Test
    void asyncRealtimeDeliversTheNewestFrame() throws Exception {
        FRAMES.clear();
        List<VideoFrame> frames = new ArrayList<>();
        for (long sequence = 1; sequence <= 5; sequence++) {
            frames.add(VideoFrame.newBuilder()
                    .sequence(sequence)
                    .pixels(ByteString.copyFromUtf8("px"))
                    .build());
        }
        new ChatAsyncClient(client).frames(publisherOf(frames)).get(20, TimeUnit.SECONDS);
        Long last = null;
        for (Long s = FRAMES.poll(20, TimeUnit.SECONDS); s != null; s = FRAMES.poll(1, TimeUnit.SECONDS)) {
            last = s;
        }
        assertEquals(5L, last);
    }
}
