package io.quicidl.codegen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.chat.Block;
import com.acme.chat.BlockRequest;
import com.acme.chat.ChatAsyncClient;
import com.acme.chat.ChatMessage;
import com.acme.chat.ChatServer;
import com.acme.chat.ChatServerBinding;
import com.acme.chat.Chunk;
import com.acme.chat.History;
import com.acme.chat.HistoryRequest;
import com.acme.chat.PresenceEvent;
import com.acme.chat.Room;
import com.acme.chat.UploadReceipt;
import com.acme.chat.VideoFrame;
import com.google.protobuf.ByteString;
import io.quicidl.runtime.AsyncClientStreamCall;
import io.quicidl.runtime.AsyncDuplexCall;
import io.quicidl.runtime.AsyncNotificationSink;
import io.quicidl.runtime.AsyncRealtimeSink;
import io.quicidl.runtime.AsyncRequestSink;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.UnorderedSink;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19, item 2: the generated asynchronous stub of golden {@code all_patterns}, over loopback
 * QUIC, loses no request of a hot {@link SubmissionPublisher}. Each publisher test submits half
 * of the requests right after the stub method returned (before the call's subscription has seen
 * its first demand, and for {@code @duplex} before anyone subscribed to the responses), waits
 * until the server has them, then submits the rest: every request arrives, in order. The same
 * runs through the request sink each stub method returns when it takes no publisher.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AsyncRequestsArriveTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");
    private static final CallOptions PATIENT = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(60));
    private static final int HALF = 40;

    /** What the server's handlers received, as text. */
    private static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();

    private static Server server;
    private static Client client;
    private ChatAsyncClient chat;

    /** Records every request the streaming-request handlers see. */
    static final class Recorder implements ChatServer {
        @Override
        public History history(HistoryRequest request, ServerCallContext context) {
            return History.newBuilder().build();
        }

        @Override
        public void subscribe(Room request, ResponseSink<ChatMessage> responses, ServerCallContext context) {}

        @Override
        public UploadReceipt upload(RequestStream<Chunk> requests, ServerCallContext context) {
            long count = 0;
            for (Chunk chunk : requests) {
                RECEIVED.add(chunk.data().toStringUtf8());
                count++;
            }
            return UploadReceipt.newBuilder().size(count).build();
        }

        @Override
        public void converse(
                RequestStream<ChatMessage> requests, ResponseSink<ChatMessage> responses, ServerCallContext context) {
            for (ChatMessage message : requests) {
                RECEIVED.add(message.text());
                responses.send(message);
            }
        }

        @Override
        public void publish(RequestStream<PresenceEvent> requests, ServerCallContext context) {
            requests.forEach(event -> RECEIVED.add(event.user()));
        }

        @Override
        public void fetchBlocks(BlockRequest request, UnorderedSink<Block> responses, ServerCallContext context) {}

        @Override
        public void frames(RequestStream<VideoFrame> requests, ServerCallContext context) {
            requests.forEach(frame -> RECEIVED.add(Long.toString(frame.sequence())));
        }
    }

    @BeforeAll
    static void start() {
        server = Server.builder()
                .identity(IDENTITY)
                .addService(ChatServerBinding.bind(new Recorder()))
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

    @BeforeEach
    void clear() {
        RECEIVED.clear();
        chat = new ChatAsyncClient(client);
    }

    private static List<String> names(String prefix, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add(String.format("%s%03d", prefix, i));
        }
        return names;
    }

    /** Takes {@code count} received requests, failing if they do not all arrive. */
    private static List<String> awaitReceived(int count) throws InterruptedException {
        List<String> got = new ArrayList<>();
        while (got.size() < count) {
            String next = RECEIVED.poll(60, TimeUnit.SECONDS);
            assertTrue(next != null, "only " + got.size() + " of " + count + " requests arrived: " + got);
            got.add(next);
        }
        return got;
    }

    /**
     * Submits the first half at once and the second after the server has the first, closes the
     * publisher, and checks that every request arrived in order.
     */
    private static <T> void submitBeforeAndAfter(
            SubmissionPublisher<T> publisher, String prefix, Function<String, T> request) throws Exception {
        assertEquals(1, publisher.getNumberOfSubscribers(), "the stub subscribed before it returned");
        List<String> first = names(prefix, 0, HALF);
        first.forEach(name -> publisher.submit(request.apply(name)));
        assertEquals(first, awaitReceived(HALF));
        List<String> second = names(prefix, HALF, 2 * HALF);
        second.forEach(name -> publisher.submit(request.apply(name)));
        publisher.close();
        assertEquals(second, awaitReceived(HALF));
    }

    private static Chunk chunk(String name) {
        return Chunk.newBuilder().data(ByteString.copyFromUtf8(name)).build();
    }

    private static ChatMessage message(String name) {
        return ChatMessage.newBuilder().author("me").text(name).build();
    }

    private static PresenceEvent event(String name) {
        return PresenceEvent.newBuilder().user(name).online(true).build();
    }

    private static VideoFrame frame(long sequence) {
        return VideoFrame.newBuilder()
                .sequence(sequence)
                .pixels(ByteString.copyFromUtf8("px"))
                .build();
    }

    /** Sends each request once flow control took the one before, then completes. */
    private static <T> CompletionStage<Void> sendAll(AsyncRequestSink<T> sink, List<T> requests) {
        CompletionStage<Void> sent = CompletableFuture.completedFuture(null);
        for (T request : requests) {
            sent = sent.thenCompose(ignored -> sink.send(request));
        }
        return sent.thenRun(sink::complete);
    }

    /** Collects a publisher's items until its end. */
    private static final class Collector<T> implements Flow.Subscriber<T> {
        final List<T> items = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<List<T>> done = new CompletableFuture<>();

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
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(items);
        }
    }

    // ---- @client_streaming ----

    @Test
    void clientStreamingPublisherLosesNoRequest() throws Exception {
        SubmissionPublisher<Chunk> chunks = new SubmissionPublisher<>();
        CompletableFuture<UploadReceipt> receipt = chat.upload(chunks, PATIENT);
        submitBeforeAndAfter(chunks, "c", AsyncRequestsArriveTest::chunk);
        assertEquals(2 * HALF, receipt.get(60, TimeUnit.SECONDS).size());
    }

    @Test
    void clientStreamingSinkSendsEveryRequest() throws Exception {
        AsyncClientStreamCall<Chunk, UploadReceipt> upload = chat.upload(PATIENT);
        List<String> sent = names("s", 0, 2 * HALF);
        sendAll(upload, sent.stream().map(AsyncRequestsArriveTest::chunk).toList());
        assertEquals(2 * HALF, upload.response().get(60, TimeUnit.SECONDS).size());
        assertEquals(sent, awaitReceived(2 * HALF));
    }

    @Test
    void anEmptyPublisherIsAnEmptyRequestStream() throws Exception {
        SubmissionPublisher<Chunk> chunks = new SubmissionPublisher<>();
        CompletableFuture<UploadReceipt> receipt = chat.upload(chunks, PATIENT);
        chunks.close();
        assertEquals(0, receipt.get(60, TimeUnit.SECONDS).size());
    }

    @Test
    void aFailingPublisherFailsTheCallLoudly() throws Exception {
        SubmissionPublisher<Chunk> chunks = new SubmissionPublisher<>();
        CompletableFuture<UploadReceipt> receipt = chat.upload(chunks, PATIENT);
        chunks.submit(chunk("before the failure"));
        IllegalStateException broken = new IllegalStateException("the source broke");
        chunks.closeExceptionally(broken);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> receipt.get(60, TimeUnit.SECONDS));
        assertSame(broken, failed.getCause());
    }

    // ---- @duplex ----

    @Test
    void duplexPublisherLosesNoRequestSubmittedBeforeTheResponsesAreSubscribed() throws Exception {
        SubmissionPublisher<ChatMessage> requests = new SubmissionPublisher<>();
        Flow.Publisher<ChatMessage> responses = chat.converse(requests, PATIENT);
        assertEquals(1, requests.getNumberOfSubscribers(), "the stub subscribed before it returned");
        List<String> first = names("d", 0, HALF);
        first.forEach(name -> requests.submit(message(name)));
        Collector<ChatMessage> echoes = new Collector<>();
        responses.subscribe(echoes);
        assertEquals(first, awaitReceived(HALF));
        List<String> second = names("d", HALF, 2 * HALF);
        second.forEach(name -> requests.submit(message(name)));
        requests.close();
        assertEquals(second, awaitReceived(HALF));
        List<String> echoed = echoes.done.get(60, TimeUnit.SECONDS).stream()
                .map(ChatMessage::text)
                .toList();
        assertEquals(names("d", 0, 2 * HALF), echoed);
    }

    @Test
    void duplexSinkSendsEveryRequestAndReadsEveryResponse() throws Exception {
        AsyncDuplexCall<ChatMessage, ChatMessage> converse = chat.converse(PATIENT);
        List<String> sent = names("x", 0, 2 * HALF);
        sendAll(converse, sent.stream().map(AsyncRequestsArriveTest::message).toList());
        Collector<ChatMessage> echoes = new Collector<>();
        converse.responses().subscribe(echoes);
        assertEquals(
                sent,
                echoes.done.get(60, TimeUnit.SECONDS).stream()
                        .map(ChatMessage::text)
                        .toList());
        assertEquals(sent, awaitReceived(2 * HALF));

        Collector<ChatMessage> second = new Collector<>();
        converse.responses().subscribe(second);
        ExecutionException refused =
                assertThrows(ExecutionException.class, () -> second.done.get(60, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
    }

    // ---- @notifications ----

    @Test
    void notificationsPublisherLosesNoRequest() throws Exception {
        SubmissionPublisher<PresenceEvent> events = new SubmissionPublisher<>();
        CompletableFuture<Void> done = chat.publish(events, PATIENT);
        submitBeforeAndAfter(events, "n", AsyncRequestsArriveTest::event);
        done.get(60, TimeUnit.SECONDS);
    }

    @Test
    void notificationsSinkSendsEveryRequest() throws Exception {
        AsyncNotificationSink<PresenceEvent> publish = chat.publish(PATIENT);
        List<String> sent = names("t", 0, 2 * HALF);
        sendAll(publish, sent.stream().map(AsyncRequestsArriveTest::event).toList());
        publish.done().get(60, TimeUnit.SECONDS);
        assertEquals(sent, awaitReceived(2 * HALF));
    }

    // ---- @realtime: a newer frame may supersede an older one, so only the newest must arrive ----

    /** Takes received frames until {@code newest}; they must increase. */
    private static void awaitFrame(long newest) throws InterruptedException {
        long last = 0;
        while (last != newest) {
            String next = RECEIVED.poll(60, TimeUnit.SECONDS);
            assertTrue(next != null, "frame " + newest + " did not arrive; the last was " + last);
            long sequence = Long.parseLong(next);
            assertTrue(sequence > last, "frames out of order: " + sequence + " after " + last);
            last = sequence;
        }
    }

    @Test
    void realtimePublisherDeliversTheNewestOfBothHalves() throws Exception {
        SubmissionPublisher<VideoFrame> frames = new SubmissionPublisher<>();
        CompletableFuture<Void> done = chat.frames(frames, PATIENT);
        assertEquals(1, frames.getNumberOfSubscribers(), "the stub subscribed before it returned");
        for (long sequence = 1; sequence <= HALF; sequence++) {
            frames.submit(frame(sequence));
        }
        awaitFrame(HALF);
        for (long sequence = HALF + 1; sequence <= 2 * HALF; sequence++) {
            frames.submit(frame(sequence));
        }
        frames.close();
        awaitFrame(2 * HALF);
        done.get(60, TimeUnit.SECONDS);
    }

    @Test
    void realtimeSinkDeliversTheNewestFrame() throws Exception {
        AsyncRealtimeSink<VideoFrame> frames = chat.frames(PATIENT);
        List<VideoFrame> sent = new ArrayList<>();
        for (long sequence = 1; sequence <= 2 * HALF; sequence++) {
            sent.add(frame(sequence));
        }
        sendAll(frames, sent);
        frames.done().get(60, TimeUnit.SECONDS);
        awaitFrame(2 * HALF);
    }
}
