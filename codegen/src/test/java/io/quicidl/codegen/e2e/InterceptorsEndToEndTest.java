package io.quicidl.codegen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import com.acme.chat.UploadReceipt;
import com.acme.chat.VideoFrame;
import com.google.protobuf.ByteString;
import io.quicidl.runtime.CallListener;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientInterceptor;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.InProcessServer;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseMetadata;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.ServerInterceptor;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.UnorderedSink;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client and server interceptors around the generated stubs of golden {@code all_patterns}, over
 * loopback QUIC and in-process: chain order, metadata both ways, refusals that never reach the
 * handler, and messages and statuses observed on all seven patterns.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InterceptorsEndToEndTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");
    private static final long WAIT_SECONDS = 20;

    /** Handler invocations per method name. */
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    /** Request metadata as each handler saw it. */
    private final BlockingQueue<Metadata> handlerMetadata = new LinkedBlockingQueue<>();

    private final List<AutoCloseable> open = new ArrayList<>();

    /** A chat server that counts its handlers' invocations. */
    private final class Chat implements ChatServer {
        private void handling(String method, ServerCallContext context) {
            handled.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
            handlerMetadata.add(context.requestMetadata());
        }

        @Override
        public History history(HistoryRequest request, ServerCallContext context) {
            handling("history", context);
            List<ChatMessage> messages = new ArrayList<>();
            for (int i = 0; i < request.limit(); i++) {
                messages.add(ChatMessage.newBuilder().text("m" + i).build());
            }
            return History.newBuilder().messages(messages).build();
        }

        @Override
        public void subscribe(Room request, ResponseSink<ChatMessage> responses, ServerCallContext context) {
            handling("subscribe", context);
            for (int i = 0; i < 3; i++) {
                responses.send(ChatMessage.newBuilder().text("e" + i).build());
            }
        }

        @Override
        public UploadReceipt upload(RequestStream<Chunk> requests, ServerCallContext context) {
            handling("upload", context);
            long size = 0;
            for (Chunk chunk : requests) {
                size += chunk.data().size();
            }
            return UploadReceipt.newBuilder().size(size).build();
        }

        @Override
        public void converse(
                RequestStream<ChatMessage> requests, ResponseSink<ChatMessage> responses, ServerCallContext context) {
            handling("converse", context);
            requests.forEach(responses::send);
        }

        @Override
        public void publish(RequestStream<PresenceEvent> requests, ServerCallContext context) {
            handling("publish", context);
            requests.forEach(event -> {});
        }

        @Override
        public void fetchBlocks(BlockRequest request, UnorderedSink<Block> responses, ServerCallContext context) {
            handling("fetch_blocks", context);
            for (int i = 0; i < request.count(); i++) {
                responses.send(i, Block.newBuilder().index(i).build());
            }
        }

        @Override
        public void frames(RequestStream<VideoFrame> requests, ServerCallContext context) {
            handling("frames", context);
            requests.forEach(frame -> {});
        }
    }

    /** A listener that counts messages and reports them with the status when the call closes. */
    private static final class Counting implements ServerCallListener {
        private final String method;
        private final BlockingQueue<String> closes;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger responses = new AtomicInteger();
        private final AtomicInteger requestBytes = new AtomicInteger();
        private final AtomicInteger responseBytes = new AtomicInteger();

        Counting(String method, BlockingQueue<String> closes) {
            this.method = method;
            this.closes = closes;
        }

        @Override
        public void onRequest(Object request, int encodedSize) {
            requests.incrementAndGet();
            requestBytes.addAndGet(encodedSize);
        }

        @Override
        public void onResponse(Object response, int encodedSize) {
            responses.incrementAndGet();
            responseBytes.addAndGet(encodedSize);
        }

        @Override
        public void onClose(StatusCode code, String description) {
            closes.add(method + " " + code + " requests=" + requests + " responses=" + responses + " bytes="
                    + requestBytes + "/" + responseBytes);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A channel to a new chat server behind {@code interceptors}: over QUIC, or in-process. */
    private Channel serve(boolean quic, ServerInterceptor... interceptors) {
        if (quic) {
            Server.Builder builder = Server.builder().identity(IDENTITY).addService(ChatServerBinding.bind(new Chat()));
            for (ServerInterceptor interceptor : interceptors) {
                builder.intercept(interceptor);
            }
            Server server = builder.start();
            open.add(() -> server.shutdown(Duration.ofSeconds(5)));
            Client client = Client.builder()
                    .address("127.0.0.1", server.port())
                    .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                    .connect();
            open.add(() -> client.close(Duration.ofSeconds(5)));
            return client;
        }
        InProcessServer.Builder builder = InProcessServer.builder().addService(ChatServerBinding.bind(new Chat()));
        for (ServerInterceptor interceptor : interceptors) {
            builder.intercept(interceptor);
        }
        InProcessServer server = builder.start();
        open.add(server::close);
        return server.newChannel();
    }

    private static String methodName(io.quicidl.runtime.MethodDescriptor<?, ?> method) {
        String full = method.fullName();
        return full.substring(full.lastIndexOf('/') + 1);
    }

    private static List<String> take(BlockingQueue<String> queue, int count) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String next = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(next, "event " + (taken.size() + 1) + " of " + count + " missing after " + taken);
            taken.add(next);
        }
        return taken;
    }

    @ParameterizedTest(name = "quic={0}")
    @ValueSource(booleans = {true, false})
    void chainsRunFirstRegisteredOutermostOnBothSides(boolean quic) throws InterruptedException {
        BlockingQueue<String> serverLog = new LinkedBlockingQueue<>();
        BlockingQueue<String> clientLog = new LinkedBlockingQueue<>();
        Channel channel = serve(quic, logging("S1", serverLog), logging("S2", serverLog));
        ChatClient chat = new ChatClient(channel.intercept(logging("C1", clientLog), logging("C2", clientLog)));

        chat.history(HistoryRequest.newBuilder().room("r").limit(1).build());

        assertEquals(
                List.of(
                        "C1 intercept",
                        "C2 intercept",
                        "C1 request",
                        "C2 request",
                        "C2 response",
                        "C1 response",
                        "C2 close OK",
                        "C1 close OK"),
                take(clientLog, 8));
        assertEquals(
                List.of(
                        "S1 intercept",
                        "S2 intercept",
                        "S1 enter",
                        "S2 enter",
                        "S1 request",
                        "S2 request",
                        "S2 exit",
                        "S1 exit",
                        "S2 response",
                        "S1 response",
                        "S2 close OK",
                        "S1 close OK"),
                take(serverLog, 12));
    }

    /** A server and client interceptor in one that logs every step under {@code name}. */
    private static LoggingInterceptor logging(String name, BlockingQueue<String> log) {
        return new LoggingInterceptor(name, log);
    }

    private record LoggingInterceptor(String name, BlockingQueue<String> log)
            implements ServerInterceptor, ClientInterceptor {
        @Override
        public ServerCallListener interceptCall(io.quicidl.runtime.ServerCallInfo call) {
            log.add(name + " intercept");
            return listener();
        }

        @Override
        public CallListener interceptCall(io.quicidl.runtime.ClientCallInfo call) {
            log.add(name + " intercept");
            return listener();
        }

        private ServerCallListener listener() {
            return new ServerCallListener() {
                @Override
                public void runHandler(Runnable handler) {
                    log.add(name + " enter");
                    try {
                        handler.run();
                    } finally {
                        log.add(name + " exit");
                    }
                }

                @Override
                public void onRequest(Object request, int encodedSize) {
                    log.add(name + " request");
                }

                @Override
                public void onResponse(Object response, int encodedSize) {
                    log.add(name + " response");
                }

                @Override
                public void onClose(StatusCode code, String description) {
                    log.add(name + " close " + code);
                }
            };
        }
    }

    @ParameterizedTest(name = "quic={0}")
    @ValueSource(booleans = {true, false})
    void metadataAddedByInterceptorsReachesTheHandlerAndTheClient(boolean quic) throws InterruptedException {
        BlockingQueue<String> seenByServerInterceptor = new LinkedBlockingQueue<>();
        Channel channel = serve(quic, call -> {
            seenByServerInterceptor.add(call.requestMetadata().get("x-client").orElse("none"));
            call.setRequestMetadata(
                    call.requestMetadata().toBuilder().add("x-user", "alice").build());
            call.context()
                    .setResponseHeaders(Metadata.builder().add("x-server", "s1").build());
            call.context()
                    .setTrailers(
                            Metadata.builder().add("x-served-by", "interceptor").build());
            return ServerCallListener.NONE;
        });
        ChatClient chat = new ChatClient(channel.intercept(call -> {
            call.setRequestMetadata(
                    call.requestMetadata().toBuilder().add("x-client", "c1").build());
            return CallListener.NONE;
        }));
        ResponseMetadata response = new ResponseMetadata();

        chat.history(
                HistoryRequest.newBuilder().room("r").limit(1).build(),
                CallOptions.DEFAULT
                        .withMetadata(Metadata.builder().add("x-caller", "test").build())
                        .withResponseMetadata(response));

        assertEquals("c1", seenByServerInterceptor.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        Metadata handlerSaw = handlerMetadata.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(handlerSaw);
        assertEquals("test", handlerSaw.get("x-caller").orElseThrow());
        assertEquals("c1", handlerSaw.get("x-client").orElseThrow());
        assertEquals("alice", handlerSaw.get("x-user").orElseThrow());
        assertEquals("s1", response.headers().get("x-server").orElseThrow());
        assertEquals("interceptor", response.trailers().get("x-served-by").orElseThrow());
    }

    @ParameterizedTest(name = "quic={0}")
    @ValueSource(booleans = {true, false})
    void aRefusedCallNeverReachesTheHandlerOnAnyPattern(boolean quic) throws InterruptedException {
        BlockingQueue<String> serverCloses = new LinkedBlockingQueue<>();
        BlockingQueue<String> clientCloses = new LinkedBlockingQueue<>();
        ServerInterceptor observer = call -> new Counting(methodName(call.method()), serverCloses);
        ServerInterceptor guard = call -> {
            if (call.requestMetadata().get("x-deny").isPresent()) {
                throw new StatusException(StatusCode.PERMISSION_DENIED, "denied by test");
            }
            return ServerCallListener.NONE;
        };
        Channel channel = serve(quic, observer, guard);
        ChatClient chat = new ChatClient(channel.intercept(
                call -> new Counting(methodName(call.method()), clientCloses), call -> {
                    call.setRequestMetadata(
                            Metadata.builder().add("x-deny", "yes").build());
                    return CallListener.NONE;
                }));

        StatusException unary = assertThrows(
                StatusException.class,
                () -> chat.history(HistoryRequest.newBuilder().room("r").build()));
        assertEquals(StatusCode.PERMISSION_DENIED, unary.code());
        assertEquals("denied by test", unary.description());
        assertDenied(() -> {
            try (ResponseStream<ChatMessage> stream =
                    chat.subscribe(Room.newBuilder().name("r").build())) {
                stream.forEach(m -> {});
            }
        });
        assertDenied(() -> {
            ClientStreamCall<Chunk, UploadReceipt> upload = chat.upload();
            upload.complete();
        });
        assertDenied(() -> {
            DuplexCall<ChatMessage, ChatMessage> converse = chat.converse();
            converse.complete();
            converse.forEach(m -> {});
        });
        assertDenied(() -> {
            try (ResponseStream<Indexed<Block>> blocks =
                    chat.fetchBlocks(BlockRequest.newBuilder().count(2).build())) {
                blocks.forEach(b -> {});
            }
        });
        // No response half: the client learns the refusal from STOP_SENDING and STREAM_STOPPED,
        // which may fail a send. A @realtime stream that was sent in full may not hear it, so
        // frames go on until one does (SPEC.md §5.7 rule 6, §10).
        NotificationSink<PresenceEvent> publish = chat.publish();
        sendUntilRefused(() -> publish.send(PresenceEvent.newBuilder().user("u").build()), false);
        RealtimeSink<VideoFrame> frames = chat.frames();
        AtomicInteger sequence = new AtomicInteger();
        sendUntilRefused(
                () -> frames.send(VideoFrame.newBuilder()
                        .sequence(sequence.incrementAndGet())
                        .build()),
                true);

        List<String> expected = new ArrayList<>();
        for (String method :
                List.of("history", "subscribe", "upload", "converse", "fetch_blocks", "publish", "frames")) {
            expected.add(method + " PERMISSION_DENIED");
        }
        assertEquals(sorted(expected), sorted(withoutCounts(take(clientCloses, 7))));
        assertEquals(sorted(expected), sorted(withoutCounts(take(serverCloses, 7))));
        assertEquals(Map.of(), Map.copyOf(handled));
        publish.cancel();
        frames.cancel();
    }

    /** Sends once, or (with {@code untilRefused}) every 20 ms until a send fails with the refusal. */
    private static void sendUntilRefused(Runnable send, boolean untilRefused) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        do {
            try {
                send.run();
            } catch (StatusException e) {
                assertEquals(StatusCode.PERMISSION_DENIED, e.code(), e.toString());
                return;
            }
            if (!untilRefused) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < end);
        throw new AssertionError("no send was refused in " + WAIT_SECONDS + " s");
    }

    private static void assertDenied(Runnable call) {
        StatusException refused = assertThrows(StatusException.class, call::run);
        assertEquals(StatusCode.PERMISSION_DENIED, refused.code(), refused.toString());
    }

    private static List<String> withoutCounts(List<String> closes) {
        return closes.stream().map(c -> c.substring(0, c.indexOf(" requests="))).toList();
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    @ParameterizedTest(name = "quic={0}")
    @ValueSource(booleans = {true, false})
    void listenersSeeEveryMessageAndTheStatusOnEveryPattern(boolean quic) throws Exception {
        BlockingQueue<String> serverCloses = new LinkedBlockingQueue<>();
        BlockingQueue<String> clientCloses = new LinkedBlockingQueue<>();
        Channel channel = serve(quic, call -> new Counting(methodName(call.method()), serverCloses));
        ChatClient chat =
                new ChatClient(channel.intercept(call -> new Counting(methodName(call.method()), clientCloses)));

        chat.history(HistoryRequest.newBuilder().room("r").limit(2).build());
        expect(clientCloses, serverCloses, "history OK requests=1 responses=1");

        try (ResponseStream<ChatMessage> stream =
                chat.subscribe(Room.newBuilder().name("r").build())) {
            stream.forEach(m -> {});
        }
        expect(clientCloses, serverCloses, "subscribe OK requests=1 responses=3");

        ClientStreamCall<Chunk, UploadReceipt> upload = chat.upload();
        for (int i = 0; i < 3; i++) {
            upload.send(Chunk.newBuilder().data(ByteString.copyFromUtf8("x")).build());
        }
        assertEquals(3, upload.complete().size());
        expect(clientCloses, serverCloses, "upload OK requests=3 responses=1");

        DuplexCall<ChatMessage, ChatMessage> converse = chat.converse();
        for (int i = 0; i < 3; i++) {
            converse.send(ChatMessage.newBuilder().text("t" + i).build());
        }
        converse.complete();
        converse.forEach(m -> {});
        expect(clientCloses, serverCloses, "converse OK requests=3 responses=3");

        try (ResponseStream<Indexed<Block>> blocks =
                chat.fetchBlocks(BlockRequest.newBuilder().count(4).build())) {
            blocks.forEach(b -> {});
        }
        expect(clientCloses, serverCloses, "fetch_blocks OK requests=1 responses=4");

        NotificationSink<PresenceEvent> publish = chat.publish();
        for (int i = 0; i < 3; i++) {
            publish.send(PresenceEvent.newBuilder().user("u" + i).build());
        }
        publish.complete();
        expect(clientCloses, serverCloses, "publish OK requests=3 responses=0");

        // @realtime may drop superseded frames on the way: the server sees the newest at least.
        RealtimeSink<VideoFrame> frames = chat.frames();
        frames.send(VideoFrame.newBuilder().sequence(1).build());
        frames.complete();
        expect(clientCloses, serverCloses, "frames OK requests=1 responses=0");

        // The async stubs run on the same calls: one check each for a future and a publisher.
        ChatAsyncClient async =
                new ChatAsyncClient(channel.intercept(call -> new Counting(methodName(call.method()), clientCloses)));
        async.history(HistoryRequest.newBuilder().room("r").limit(1).build()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        expect(clientCloses, serverCloses, "history OK requests=1 responses=1");
        CountDownLatch done = new CountDownLatch(1);
        async.subscribe(Room.newBuilder().name("r").build()).subscribe(new Flow.Subscriber<ChatMessage>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ChatMessage item) {}

            @Override
            public void onError(Throwable throwable) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        expect(clientCloses, serverCloses, "subscribe OK requests=1 responses=3");
    }

    /** Both sides closed the call as {@code close} says, and counted the same bytes. */
    private static void expect(BlockingQueue<String> client, BlockingQueue<String> server, String close)
            throws InterruptedException {
        String clientClose = take(client, 1).get(0);
        assertEquals(close, clientClose.substring(0, clientClose.indexOf(" bytes=")), "client side");
        assertEquals(clientClose, take(server, 1).get(0), "server side");
        assertTrue(client.isEmpty() && server.isEmpty(), "one close per call");
    }

    @ParameterizedTest(name = "quic={0}")
    @ValueSource(booleans = {true, false})
    void aClientCancelReachesTheServerListener(boolean quic) throws InterruptedException {
        BlockingQueue<String> serverCloses = new LinkedBlockingQueue<>();
        BlockingQueue<String> clientCloses = new LinkedBlockingQueue<>();
        Channel channel = serve(quic, call -> new Counting(methodName(call.method()), serverCloses));
        ChatClient chat =
                new ChatClient(channel.intercept(call -> new Counting(methodName(call.method()), clientCloses)));

        DuplexCall<ChatMessage, ChatMessage> converse = chat.converse();
        converse.send(ChatMessage.newBuilder().text("t").build());
        assertEquals("t", converse.iterator().next().text());
        converse.cancel();

        String client = take(clientCloses, 1).get(0);
        assertTrue(client.startsWith("converse CANCELLED requests=1 responses=1"), client);
        String server = take(serverCloses, 1).get(0);
        assertTrue(server.startsWith("converse CANCELLED requests=1 responses=1"), server);
    }
}
