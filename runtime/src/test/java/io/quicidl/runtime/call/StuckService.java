package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.UnorderedSink;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Handlers that get stuck, one per pattern: blocked reading requests the client never sends, or
 * blocked sending responses the client never reads. Each reports, through its {@link Probe},
 * when it blocked and what woke it, so tests can end the connection under it.
 */
final class StuckService {
    static final MethodDescriptor<Text, Text> UNARY = bidi("unary", Pattern.UNARY);
    static final MethodDescriptor<Text, Text> SERVER_STREAMING = bidi("serverStreaming", Pattern.SERVER_STREAMING);
    static final MethodDescriptor<Text, Text> CLIENT_STREAMING = bidi("clientStreaming", Pattern.CLIENT_STREAMING);
    static final MethodDescriptor<Text, Text> DUPLEX = bidi("duplex", Pattern.DUPLEX);
    static final MethodDescriptor<Text, Text> UNORDERED = bidi("unordered", Pattern.UNORDERED);
    static final MethodDescriptor<Text, Void> NOTIFICATIONS = MethodDescriptor.<Text, Void>builder(
                    "/test.Stuck/notifications", Pattern.NOTIFICATIONS)
            .requestCodec(Text.CODEC)
            .build();
    static final MethodDescriptor<Text, Void> REALTIME = MethodDescriptor.<Text, Void>builder(
                    "/test.Stuck/realtime", Pattern.REALTIME)
            .requestCodec(Text.CODEC)
            .build();

    /** Asks a streaming-request handler to send responses forever after the first request, instead of reading. */
    static final String SEND = "send";
    /** Asks a handler to neither read nor send: it waits for its call to be cancelled. */
    static final String QUIET = "quiet";

    private static final String PAYLOAD = "x".repeat(4096);

    private static MethodDescriptor<Text, Text> bidi(String name, Pattern pattern) {
        return MethodDescriptor.<Text, Text>builder("/test.Stuck/" + name, pattern)
                .requestCodec(Text.CODEC)
                .responseCodec(Text.CODEC)
                .build();
    }

    /** What one stuck handler went through. */
    static final class Probe {
        /** When the handler entered the call it is stuck in, 0 while it is not in one. */
        volatile long blockedSince;

        final AtomicReference<Throwable> wokeWith = new AtomicReference<>();
        final CountDownLatch woke = new CountDownLatch(1);
        /** How many handlers woke with UNAVAILABLE. */
        final java.util.concurrent.atomic.AtomicInteger unavailable = new java.util.concurrent.atomic.AtomicInteger();
        /** The handlers that started, by pattern, in order. */
        final java.util.Queue<String> entered = new java.util.concurrent.ConcurrentLinkedQueue<>();
        /** What woke each handler, in order. */
        final java.util.Queue<Throwable> wakes = new java.util.concurrent.ConcurrentLinkedQueue<>();

        /** Whether the handler has been stuck for at least {@code millis}. */
        boolean blockedFor(long millis) {
            long since = blockedSince;
            return since != 0 && System.nanoTime() - since >= TimeUnit.MILLISECONDS.toNanos(millis);
        }

        void entered(String pattern) {
            entered.add(pattern);
        }

        void blocked() {
            blockedSince = System.nanoTime();
        }

        void unblocked() {
            blockedSince = 0;
        }

        void woke(Throwable cause) {
            if (cause instanceof StatusException status && status.code() == io.quicidl.runtime.StatusCode.UNAVAILABLE) {
                unavailable.incrementAndGet();
            }
            wakes.add(cause != null ? cause : new AssertionError("woke without a cause"));
            wokeWith.compareAndSet(null, cause);
            woke.countDown();
        }
    }

    final Probe probe = new Probe();

    ServiceDefinition definition() {
        return ServiceDefinition.builder("test.Stuck")
                .add(ServerMethod.unary(UNARY, (request, context) -> {
                    probe.entered("unary");
                    return awaitCancel(context);
                }))
                .add(ServerMethod.serverStreaming(SERVER_STREAMING, (request, responses, context) -> {
                    probe.entered("server streaming");
                    if (request.value().equals(QUIET)) {
                        awaitCancel(context);
                    } else {
                        sendForever(responses);
                    }
                }))
                .add(ServerMethod.clientStreaming(CLIENT_STREAMING, (requests, context) -> {
                    probe.entered("client streaming");
                    readOrIdle(requests, context);
                    return Text.of("unreachable");
                }))
                .add(ServerMethod.duplex(DUPLEX, (requests, responses, context) -> {
                    probe.entered("duplex");
                    Iterator<Text> it = requests.iterator();
                    String first = first(it);
                    if (first.equals(QUIET)) {
                        awaitCancel(context);
                    } else if (first.equals(SEND)) {
                        sendForever(responses);
                    } else {
                        readRest(it);
                    }
                }))
                .add(ServerMethod.notifications(NOTIFICATIONS, (requests, context) -> {
                    probe.entered("notifications");
                    readOrIdle(requests, context);
                }))
                .add(ServerMethod.unordered(UNORDERED, (request, responses, context) -> {
                    probe.entered("unordered");
                    if (request.value().equals(QUIET)) {
                        awaitCancel(context);
                    } else {
                        sendForever(responses);
                    }
                }))
                .add(ServerMethod.realtime(REALTIME, (requests, context) -> {
                    probe.entered("realtime");
                    readOrIdle(requests, context);
                }))
                .build();
    }

    /** Reads the first request; then waits for cancellation after {@link #QUIET}, else blocks reading. */
    private void readOrIdle(RequestStream<Text> requests, ServerCallContext context) {
        Iterator<Text> it = requests.iterator();
        if (first(it).equals(QUIET)) {
            awaitCancel(context);
        } else {
            readRest(it);
        }
    }

    /** The first request; a connection that ends before it arrives wakes the handler too. */
    private String first(Iterator<Text> it) {
        try {
            return it.next().value();
        } catch (RuntimeException e) {
            probe.woke(e);
            throw e;
        }
    }

    /** Neither reads nor sends: waits for the call to be cancelled. */
    private Text awaitCancel(ServerCallContext context) {
        CountDownLatch cancelled = new CountDownLatch(1);
        context.onCancel(cancelled::countDown);
        probe.blocked();
        try {
            if (cancelled.await(60, TimeUnit.SECONDS)) {
                probe.woke(((ServerContext) context).cancellation());
            }
        } catch (InterruptedException e) {
            probe.woke(e);
        }
        return Text.of("too late");
    }

    /** Blocks in {@code hasNext()}: the client sends nothing more. */
    private void readRest(Iterator<Text> it) {
        try {
            probe.blocked();
            while (it.hasNext()) {
                it.next();
            }
            probe.woke(new AssertionError("the requests ended normally"));
        } catch (RuntimeException e) {
            probe.woke(e);
            throw e;
        }
    }

    /** Blocks in {@code send}: the client reads nothing. */
    private void sendForever(ResponseSink<Text> responses) {
        try {
            for (; ; ) {
                probe.blocked();
                responses.send(Text.of(PAYLOAD));
                probe.unblocked();
            }
        } catch (RuntimeException e) {
            probe.woke(e);
            throw e;
        }
    }

    private void sendForever(UnorderedSink<Text> responses) {
        try {
            for (long i = 0; ; i++) {
                probe.blocked();
                responses.send(i, Text.of(PAYLOAD));
                probe.unblocked();
            }
        } catch (RuntimeException e) {
            probe.woke(e);
            throw e;
        }
    }
}
