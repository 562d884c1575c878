package io.quicidl.benchmarks.reliability;

import com.google.protobuf.ByteString;
import io.quicidl.benchmarks.reliability.schema.Item;
import io.quicidl.benchmarks.reliability.schema.LossyServer;
import io.quicidl.benchmarks.reliability.schema.Request;
import io.quicidl.benchmarks.reliability.schema.Summary;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.UnorderedSink;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server of the reliability tests. Besides answering, it records what only the server can
 * see: how many times each call's handler ran (a call run twice is a duplicate), the indexes of
 * the items each {@code note} and {@code live} call delivered, in delivery order, whether those
 * handlers ended, and how many items arrived with data other than their call and index promise.
 */
final class ReliabilityService implements LossyServer {
    /** What one {@code note} or {@code live} call delivered to its handler. */
    static final class Delivered {
        final List<Integer> indexes = new CopyOnWriteArrayList<>();
        volatile boolean ended;
    }

    private final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Map<Long, Delivered> delivered = new ConcurrentHashMap<>();
    private final AtomicLong corrupt = new AtomicLong();
    private final boolean recording;

    /**
     * A service that records runs and deliveries per call when {@code recording}; without, it
     * only counts corrupt items, so that its memory stays flat however many calls it serves.
     */
    ReliabilityService(boolean recording) {
        this.recording = recording;
    }

    /** How many times the handler of call {@code call} ran (0 if never). */
    int runs(long call) {
        AtomicInteger count = runs.get(call);
        return count == null ? 0 : count.get();
    }

    /** What call {@code call} delivered, or null when its handler never saw an item. */
    Delivered delivered(long call) {
        return delivered.get(call);
    }

    /** Items received whose data did not match their call and index. */
    long corruptItems() {
        return corrupt.get();
    }

    @Override
    public Item echo(Item request, ServerCallContext context) {
        ran(request.call());
        check(request);
        return request;
    }

    @Override
    public void download(Request request, ResponseSink<Item> responses, ServerCallContext context) {
        ran(request.call());
        for (int i = 0; i < request.count(); i++) {
            responses.send(Payloads.item(request.call(), i, request.size()));
        }
    }

    @Override
    public Summary upload(RequestStream<Item> requests, ServerCallContext context) {
        MessageDigest digest = Payloads.sha256();
        long call = -1;
        int count = 0;
        long bytes = 0;
        for (Item item : requests) {
            if (count == 0) {
                call = item.call();
                ran(call);
            }
            check(item);
            count++;
            bytes += item.data().size();
            item.data().asReadOnlyByteBufferList().forEach(digest::update);
        }
        return Summary.newBuilder()
                .call(call)
                .count(count)
                .bytes(bytes)
                .sha256(ByteString.copyFrom(digest.digest()))
                .build();
    }

    @Override
    public void echoStream(RequestStream<Item> requests, ResponseSink<Item> responses, ServerCallContext context) {
        boolean first = true;
        for (Item item : requests) {
            if (first) {
                ran(item.call());
                first = false;
            }
            check(item);
            responses.send(item);
        }
    }

    @Override
    public void note(RequestStream<Item> requests, ServerCallContext context) {
        record(requests);
    }

    @Override
    public void live(RequestStream<Item> requests, ServerCallContext context) {
        record(requests);
    }

    @Override
    public void scatter(Request request, UnorderedSink<Item> responses, ServerCallContext context) {
        ran(request.call());
        for (int i = 0; i < request.count(); i++) {
            responses.send(i, Payloads.item(request.call(), i, request.size()));
        }
    }

    private void record(RequestStream<Item> requests) {
        Delivered mine = null;
        for (Item item : requests) {
            if (mine == null && recording) {
                ran(item.call());
                mine = delivered.computeIfAbsent(item.call(), call -> new Delivered());
            }
            check(item);
            if (mine != null) {
                mine.indexes.add(item.index());
            }
        }
        if (mine != null) {
            mine.ended = true;
        }
    }

    private void ran(long call) {
        if (!recording) {
            return;
        }
        runs.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
    }

    private void check(Item item) {
        if (!Payloads.intact(item)) {
            corrupt.incrementAndGet();
        }
    }
}
