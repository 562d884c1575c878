package io.quicidl.benchmarks.reliability;

import io.quicidl.benchmarks.reliability.schema.Item;
import io.quicidl.benchmarks.reliability.schema.LossyClient;
import io.quicidl.benchmarks.reliability.schema.Request;
import io.quicidl.benchmarks.reliability.schema.Summary;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.ResponseStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Call number {@code n} of a mixed run: its pattern is {@code n % 7}, its message count and sizes
 * come from a random generator seeded with {@code n}, and every answer is checked on the spot
 * (a wrong one throws {@link AssertionError}). What only the server sees, {@code note} and
 * {@code live} deliveries and handlers run twice, {@link #verifyServerSide} checks after the run.
 */
final class MixedCalls {
    static final List<String> PATTERNS = List.of(
            "unary", "server_streaming", "client_streaming", "duplex", "notifications", "unordered", "realtime");

    private MixedCalls() {}

    /** The pattern of call {@code n}. */
    static String pattern(long n) {
        return PATTERNS.get((int) (n % PATTERNS.size()));
    }

    /**
     * Every call's deadline: a stalled call then fails (DEADLINE_EXCEEDED) naming itself, instead
     * of waiting for the server's 5-minute idle-call timeout. A hang guard, not a timing claim.
     */
    private static final CallOptions STALL_GUARD = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(60));

    /** Runs and checks call {@code n} on {@code client}; any failure names the call and its pattern. */
    static void run(LossyClient client, long n) {
        try {
            runUnchecked(client, n);
        } catch (RuntimeException e) {
            throw new AssertionError("call " + n + " (" + pattern(n) + ") failed: " + e, e);
        }
    }

    private static void runUnchecked(LossyClient client, long n) {
        SplittableRandom random = new SplittableRandom(n);
        int count = 1 + random.nextInt(12);
        int size = 1 + random.nextInt(3_000); // Up to about three packets per message.
        switch ((int) (n % PATTERNS.size())) {
            case 0 -> unary(client, n, size);
            case 1 -> serverStreaming(client, n, count, size);
            case 2 -> clientStreaming(client, n, count, size);
            case 3 -> duplex(client, n, count, size);
            case 4 -> {
                NotificationSink<Item> sink = client.note(STALL_GUARD);
                for (int i = 0; i < count; i++) {
                    sink.send(Payloads.item(n, i, size));
                }
                sink.complete();
            }
            case 5 -> unordered(client, n, count, size);
            default -> {
                RealtimeSink<Item> sink = client.live(STALL_GUARD);
                for (int i = 0; i < count; i++) {
                    sink.send(Payloads.item(n, i, size));
                }
                sink.complete();
            }
        }
    }

    private static void unary(LossyClient client, long n, int size) {
        Item sent = Payloads.item(n, 0, size);
        require(sent.equals(client.echo(sent, STALL_GUARD)), n, "echo returned another item");
    }

    private static void serverStreaming(LossyClient client, long n, int count, int size) {
        List<Item> got = new ArrayList<>();
        try (ResponseStream<Item> items = client.download(request(n, count, size), STALL_GUARD)) {
            items.forEach(got::add);
        }
        require(got.size() == count, n, "expected " + count + " items, got " + got.size());
        for (int i = 0; i < count; i++) {
            require(got.get(i).equals(Payloads.item(n, i, size)), n, "item " + i + " is wrong or out of order");
        }
    }

    private static void clientStreaming(LossyClient client, long n, int count, int size) {
        ClientStreamCall<Item, Summary> call = client.upload(STALL_GUARD);
        MessageDigest digest = Payloads.sha256();
        for (int i = 0; i < count; i++) {
            Item item = Payloads.item(n, i, size);
            digest.update(item.data().toByteArray());
            call.send(item);
        }
        Summary summary = call.complete();
        require(summary.call() == n && summary.count() == count, n, "summary " + summary.count() + " items");
        require(summary.sha256().equals(com.google.protobuf.ByteString.copyFrom(digest.digest())), n, "digest");
    }

    private static void duplex(LossyClient client, long n, int count, int size) {
        DuplexCall<Item, Item> call = client.echoStream(STALL_GUARD);
        Iterator<Item> replies = call.iterator();
        for (int i = 0; i < count; i++) {
            Item item = Payloads.item(n, i, size);
            call.send(item);
            require(replies.hasNext() && replies.next().equals(item), n, "reply " + i + " is wrong or missing");
        }
        call.complete();
        require(!replies.hasNext(), n, "a reply more than the items sent");
    }

    private static void unordered(LossyClient client, long n, int count, int size) {
        BitSet seen = new BitSet();
        try (ResponseStream<Indexed<Item>> items = client.scatter(request(n, count, size), STALL_GUARD)) {
            for (Indexed<Item> indexed : items) {
                int index = (int) indexed.index();
                require(!seen.get(index), n, "item " + index + " twice");
                require(indexed.value().equals(Payloads.item(n, index, size)), n, "item " + index + " is wrong");
                seen.set(index);
            }
        }
        require(seen.cardinality() == count && seen.nextSetBit(count) < 0, n, "items " + seen + " of " + count);
    }

    /** Count of calls whose notifications were checked, for the caller's report. */
    record ServerSide(int notifications, int realtimeDelivered, int realtimeEmpty) {}

    /**
     * Checks, for calls {@code 0..calls-1}, what the server recorded: every handler that ran ran
     * once; every {@code note} call delivered all its items in order and ended; every
     * {@code live} call delivered a strictly increasing subset of its items; no item corrupt.
     * Calls of patterns not in {@code patterns} (not run) are skipped.
     */
    static ServerSide verifyServerSide(ReliabilityService service, long calls, Set<String> patterns) {
        int notifications = 0;
        int realtimeDelivered = 0;
        int realtimeEmpty = 0;
        require(service.corruptItems() == 0, -1, service.corruptItems() + " corrupt items reached the server");
        for (long n = 0; n < calls; n++) {
            int runs = service.runs(n);
            String pattern = pattern(n);
            if (!patterns.contains(pattern)) {
                continue;
            }
            int count = 1 + new SplittableRandom(n).nextInt(12);
            if (pattern.equals("realtime")) {
                require(runs <= 1, n, "handler ran " + runs + " times");
                ReliabilityService.Delivered delivered = service.delivered(n);
                if (delivered == null) {
                    realtimeEmpty++;
                    continue;
                }
                List<Integer> indexes = delivered.indexes;
                for (int i = 0; i < indexes.size(); i++) {
                    require(indexes.get(i) < count, n, "index " + indexes.get(i) + " never sent");
                    require(i == 0 || indexes.get(i) > indexes.get(i - 1), n, "delivered " + indexes);
                }
                realtimeDelivered++;
                continue;
            }
            require(runs == 1, n, pattern + " handler ran " + runs + " times");
            if (pattern.equals("notifications")) {
                ReliabilityService.Delivered delivered = service.delivered(n);
                List<Integer> expected =
                        java.util.stream.IntStream.range(0, count).boxed().toList();
                require(delivered.ended && delivered.indexes.equals(expected), n, "delivered " + delivered.indexes);
                notifications++;
            }
        }
        return new ServerSide(notifications, realtimeDelivered, realtimeEmpty);
    }

    /**
     * {@link #verifyServerSide} once the server has caught up: notifications are delivered after
     * their client returned, so this retries for up to 30 s before failing with the last reason.
     */
    static ServerSide awaitServerSide(ReliabilityService service, long calls) throws InterruptedException {
        return awaitServerSide(service, calls, Set.copyOf(PATTERNS));
    }

    /** {@link #awaitServerSide(ReliabilityService, long)} for the calls of {@code patterns} only. */
    static ServerSide awaitServerSide(ReliabilityService service, long calls, Set<String> patterns)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                return verifyServerSide(service, calls, patterns);
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    private static Request request(long n, int count, int size) {
        return Request.newBuilder().call(n).count(count).size(size).build();
    }

    private static void require(boolean condition, long n, String what) {
        if (!condition) {
            throw new AssertionError("call " + n + " (" + (n >= 0 ? pattern(n) : "all") + "): " + what);
        }
    }
}
