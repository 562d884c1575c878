package io.quicidl.runtime.call;

import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** The service the call scenarios run against, with what its handlers observed. */
final class EchoService {
    static final MethodDescriptor<Text, Text> UNARY = bidi("/test.Echo/unary", Pattern.UNARY, 0);
    /** The server's view of a method with {@code @max_message_bytes(1024)}. */
    static final MethodDescriptor<Text, Text> SMALL_SERVER = bidi("/test.Echo/small", Pattern.UNARY, 1024);
    /** A method whose limit (8 MiB) is above the connections' default of 4 MiB. */
    static final MethodDescriptor<Text, Text> BIG = bidi("/test.Echo/big", Pattern.UNARY, 8 << 20);
    /** A client built from an older schema without the limit. */
    static final MethodDescriptor<Text, Text> SMALL_CLIENT = bidi("/test.Echo/small", Pattern.UNARY, 0);

    static final MethodDescriptor<Text, Text> UNKNOWN = bidi("/test.Echo/missing", Pattern.UNARY, 0);
    /** The unary method as a client that does not know its error types sees it. */
    static final MethodDescriptor<Text, Text> UNARY_UNTYPED = MethodDescriptor.<Text, Text>builder(
                    "/test.Echo/unary", Pattern.UNARY)
            .requestCodec(Text.CODEC)
            .responseCodec(Text.CODEC)
            .build();

    static final MethodDescriptor<Text, Text> COUNT = bidi("/test.Echo/count", Pattern.SERVER_STREAMING, 0);
    static final MethodDescriptor<Text, Text> CONCAT = bidi("/test.Echo/concat", Pattern.CLIENT_STREAMING, 0);
    static final MethodDescriptor<Text, Text> ECHO = bidi("/test.Echo/echo", Pattern.DUPLEX, 0);
    static final MethodDescriptor<Text, Text> BLOCKS = bidi("/test.Echo/blocks", Pattern.UNORDERED, 0);
    static final MethodDescriptor<Text, Void> NOTIFY = MethodDescriptor.<Text, Void>builder(
                    "/test.Echo/notify", Pattern.NOTIFICATIONS)
            .requestCodec(Text.CODEC)
            .build();
    static final MethodDescriptor<Text, Void> UNKNOWN_NOTIFY = MethodDescriptor.<Text, Void>builder(
                    "/test.Echo/nobody", Pattern.NOTIFICATIONS)
            .requestCodec(Text.CODEC)
            .build();
    static final MethodDescriptor<Text, Void> FRAMES = MethodDescriptor.<Text, Void>builder(
                    "/test.Echo/frames", Pattern.REALTIME)
            .requestCodec(Text.CODEC)
            .realtimeMaxAge(Duration.ofSeconds(2))
            .build();
    static final MethodDescriptor<Text, Void> UNKNOWN_FRAMES = MethodDescriptor.<Text, Void>builder(
                    "/test.Echo/noframes", Pattern.REALTIME)
            .requestCodec(Text.CODEC)
            .build();
    static final MethodDescriptor<Text, Void> QUICK_FRAMES = MethodDescriptor.<Text, Void>builder(
                    "/test.Echo/quick", Pattern.REALTIME)
            .requestCodec(Text.CODEC)
            .realtimeMaxAge(Duration.ofMillis(300))
            .build();

    private static MethodDescriptor<Text, Text> bidi(String name, Pattern pattern, int maxMessageBytes) {
        return MethodDescriptor.<Text, Text>builder(name, pattern)
                .requestCodec(Text.CODEC)
                .responseCodec(Text.CODEC)
                .maxMessageBytes(maxMessageBytes)
                .addErrorType(NotFound.TYPE)
                .build();
    }

    /** Counted down when the "block" handler runs. */
    final CountDownLatch blocking = new CountDownLatch(1);
    /** Counted down when the "block" handler stops waiting: cancelled, or interrupted as its server dies. */
    final CountDownLatch blockEnded = new CountDownLatch(1);
    /** Counted down when the concat handler has read a request: it runs and will see a cancel. */
    final CountDownLatch concatReading = new CountDownLatch(1);
    /** Counted down when a handler saw its call cancelled. */
    final CountDownLatch cancelled = new CountDownLatch(1);
    /** What a {@code ResponseSink.send} threw after the client went away. */
    final AtomicReference<StatusException> sinkFailure = new AtomicReference<>();

    final List<String> notified = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch notifyDone = new CountDownLatch(1);
    final List<String> frames = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch framesDone = new CountDownLatch(1);
    final List<Long> unorderedCompletion = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean handlerRanOnCancelledCall = new AtomicBoolean();
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "echo-worker");
        thread.setDaemon(true);
        return thread;
    });

    ServiceDefinition definition() {
        return ServiceDefinition.builder("test.Echo")
                .add(ServerMethod.unary(UNARY, this::unary))
                .add(ServerMethod.unary(SMALL_SERVER, (request, context) -> request))
                .add(ServerMethod.unary(BIG, (request, context) -> request))
                .add(ServerMethod.serverStreaming(COUNT, this::count))
                .add(ServerMethod.clientStreaming(CONCAT, this::concat))
                .add(ServerMethod.duplex(ECHO, this::echo))
                .add(ServerMethod.notifications(NOTIFY, this::notify))
                .add(ServerMethod.unordered(BLOCKS, this::blocks))
                .add(ServerMethod.realtime(FRAMES, this::frames))
                .add(ServerMethod.realtime(QUICK_FRAMES, this::frames))
                .build();
    }

    void shutdown() {
        workers.shutdownNow();
    }

    private Text unary(Text request, ServerCallContext context) {
        String value = request.value();
        if (value.equals("throw")) {
            throw new IllegalStateException("secret internals");
        }
        if (value.startsWith("notfound:")) {
            throw new NotFound(value.substring("notfound:".length()));
        }
        if (value.equals("denied")) {
            throw new StatusException(StatusCode.PERMISSION_DENIED, "not for you");
        }
        if (value.equals("block")) {
            awaitCancel(context);
            return Text.of("too late");
        }
        if (value.equals("trailers")) {
            context.setResponseHeaders(Metadata.builder().add("h", "1").build());
            context.setTrailers(Metadata.builder().add("t", "2").build());
        }
        if (value.equals("metadata")) {
            return Text.of(context.requestMetadata().get("who").orElse("?"));
        }
        return Text.of("echo:" + value);
    }

    private void awaitCancel(ServerCallContext context) {
        CountDownLatch latch = new CountDownLatch(1);
        context.onCancel(latch::countDown);
        blocking.countDown();
        try {
            if (latch.await(30, TimeUnit.SECONDS) && context.isCancelled()) {
                cancelled.countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            blockEnded.countDown();
        }
    }

    private void count(Text request, io.quicidl.runtime.ResponseSink<Text> responses, ServerCallContext context) {
        if (request.value().equals("forever")) {
            try {
                for (int i = 0; ; i++) {
                    responses.send(Text.of("n" + i));
                }
            } catch (StatusException e) {
                sinkFailure.set(e);
                if (context.isCancelled()) {
                    cancelled.countDown();
                }
                throw e;
            }
        }
        if (request.value().startsWith("fail-after:")) {
            int n = Integer.parseInt(request.value().substring("fail-after:".length()));
            for (int i = 0; i < n; i++) {
                responses.send(Text.of("n" + i));
            }
            throw new StatusException(StatusCode.ABORTED, "gave up");
        }
        int n = Integer.parseInt(request.value());
        for (int i = 0; i < n; i++) {
            responses.send(Text.of("n" + i));
        }
    }

    private Text concat(io.quicidl.runtime.RequestStream<Text> requests, ServerCallContext context) {
        StringBuilder all = new StringBuilder();
        try {
            for (Text text : requests) {
                if (text.value().equals("first-only")) {
                    return Text.of("early");
                }
                all.append(text.value());
                concatReading.countDown();
            }
        } catch (StatusException e) {
            if (context.isCancelled()) {
                cancelled.countDown();
            }
            throw e;
        }
        return Text.of(all.toString());
    }

    private void echo(
            io.quicidl.runtime.RequestStream<Text> requests,
            io.quicidl.runtime.ResponseSink<Text> responses,
            ServerCallContext context) {
        try {
            for (Text text : requests) {
                if (text.value().equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                responses.send(text);
            }
        } catch (StatusException e) {
            sinkFailure.set(e);
            if (context.isCancelled()) {
                cancelled.countDown();
            }
            throw e;
        }
    }

    private void notify(io.quicidl.runtime.RequestStream<Text> requests, ServerCallContext context) {
        try {
            for (Text text : requests) {
                if (text.value().equals("throw")) {
                    throw new IllegalStateException("cannot take this");
                }
                notified.add(text.value());
                if (text.value().equals("enough")) {
                    return;
                }
            }
        } catch (StatusException e) {
            if (context.isCancelled()) {
                cancelled.countDown();
            }
            throw e;
        } finally {
            notifyDone.countDown();
        }
    }

    private void blocks(Text request, io.quicidl.runtime.UnorderedSink<Text> responses, ServerCallContext context) {
        if (request.value().startsWith("fail-after:")) {
            int n = Integer.parseInt(request.value().substring("fail-after:".length()));
            for (int i = 0; i < n; i++) {
                responses.send(i, Text.of("block-" + i));
            }
            throw new StatusException(StatusCode.DATA_LOSS, "disk gone");
        }
        if (request.value().equals("forever")) {
            try {
                for (long i = 0; ; i++) {
                    responses.send(i, Text.of("block-" + i));
                    Thread.sleep(5);
                }
            } catch (StatusException e) {
                if (context.isCancelled()) {
                    cancelled.countDown();
                }
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int n = Integer.parseInt(request.value());
        List<Integer> delays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            delays.add(i);
        }
        Collections.shuffle(delays, new java.util.Random(7));
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long index = i;
            long delayMillis = delays.get(i) * 8L;
            sends.add(workers.submit(() -> {
                Thread.sleep(delayMillis);
                responses.send(index, Text.of("block-" + index));
                unorderedCompletion.add(index);
                return null;
            }));
        }
        for (Future<?> send : sends) {
            try {
                send.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void frames(io.quicidl.runtime.RequestStream<Text> requests, ServerCallContext context) {
        try {
            for (Text text : requests) {
                if (text.value().startsWith("boom")) {
                    throw new IllegalStateException("bad frame");
                }
                frames.add(text.value());
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            framesDone.countDown();
        }
    }
}
