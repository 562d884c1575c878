package io.quicidl.codegen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.pointer.PointerAsyncClient;
import com.acme.pointer.PointerClient;
import com.acme.pointer.PointerServer;
import com.acme.pointer.PointerServerBinding;
import com.acme.pointer.Position;
import com.google.protobuf.ByteString;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.RecordingWireTap;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated stubs of golden {@code realtime_datagram} ({@code @realtime(delivery = datagram)})
 * over loopback QUIC: the client API is that of stream delivery, the messages go as QUIC
 * DATAGRAM frames (SPEC.md §5.9).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RealtimeDatagramEndToEndTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");
    /** What the handler ends its input with, after the positions. */
    private static final long END = -1;

    /** Hands every position's sequence, then {@link #END} or the failure's code, to the test. */
    static final class Positions implements PointerServer {
        final BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        final BlockingQueue<String> tags = new LinkedBlockingQueue<>();

        @Override
        public void moves(RequestStream<Position> requests, ServerCallContext context) {
            tags.add(context.requestMetadata().get("tag").orElse(""));
            try {
                requests.forEach(p -> seen.add(p.sequence()));
                seen.add(END);
            } catch (StatusException e) {
                seen.add(-100L - e.code().value());
            }
        }
    }

    private static Position at(long sequence, int paddingBytes) {
        return Position.newBuilder()
                .sequence(sequence)
                .x((int) sequence)
                .y(-(int) sequence)
                .padding(ByteString.copyFrom(new byte[paddingBytes]))
                .build();
    }

    /** Every sequence the handler saw until its input ended. */
    private static List<Long> untilEnd(BlockingQueue<Long> seen) throws InterruptedException {
        List<Long> sequences = new ArrayList<>();
        while (true) {
            Long next = seen.poll(30, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("the handler's input did not end; it saw " + sequences);
            }
            if (next == END) {
                return sequences;
            }
            assertTrue(next >= 0, "the handler's input failed with code " + (-100 - next) + " after " + sequences);
            sequences.add(next);
        }
    }

    private static void assertIncreasing(List<Long> sequences) {
        for (int i = 1; i < sequences.size(); i++) {
            assertTrue(sequences.get(i - 1) < sequences.get(i), "not increasing: " + sequences);
        }
    }

    @Test
    void positionsArriveAsDatagramsNewestLastAndTheEndEndsTheInput() throws Exception {
        Positions handler = new Positions();
        RecordingWireTap serverTap = new RecordingWireTap();
        try (Server server = Server.builder()
                        .identity(IDENTITY)
                        .tap(serverTap)
                        .addService(PointerServerBinding.bind(handler))
                        .start();
                Client client = connect(server)) {
            RealtimeSink<Position> moves = new PointerClient(client)
                    .moves(CallOptions.DEFAULT.withMetadata(
                            Metadata.builder().add("tag", "first").build()));
            for (long sequence = 1; sequence <= 20; sequence++) {
                moves.send(at(sequence, 16));
            }
            moves.complete();
            assertEquals(
                    "first",
                    handler.tags.poll(30, TimeUnit.SECONDS),
                    () -> serverTap.events().toString());
            List<Long> sequences = untilEnd(handler.seen);
            assertIncreasing(sequences);
            assertTrue(
                    !sequences.isEmpty(),
                    () -> "no position arrived; " + serverTap.events(WireEvent.Type.DATAGRAM_DROPPED));
            assertEquals(
                    20L,
                    sequences.get(sequences.size() - 1),
                    () -> "the newest position arrives: " + sequences + "; "
                            + serverTap.events(WireEvent.Type.DATAGRAM_DROPPED));
            // One stream opened the call: the positions went as datagrams, not a stream each.
            List<WireEvent> streams = serverTap.events(e -> e.type() == WireEvent.Type.STREAM_OPENED
                    && e.clientInitiated()
                    && e.streamId() >= 0
                    && e.detail().contains("CALL"));
            assertEquals(1, streams.size(), streams::toString);

            // The asynchronous stub sends the same way.
            new PointerAsyncClient(client)
                    .moves(publisher(List.of(at(7, 0), at(8, 0))))
                    .get(30, TimeUnit.SECONDS);
            List<Long> later = untilEnd(handler.seen);
            assertEquals(8L, later.get(later.size() - 1), later::toString);
        }
    }

    @Test
    void aServerWithoutDatagramsFailsTheCallAtItsStart() {
        try (Server server = Server.builder()
                        .identity(IDENTITY)
                        .datagrams(false)
                        .addService(PointerServerBinding.bind(new Positions()))
                        .start();
                Client client = connect(server)) {
            StatusException refused = assertThrows(StatusException.class, () -> new PointerClient(client).moves());
            assertEquals(StatusCode.FAILED_PRECONDITION, refused.code());
            assertTrue(refused.getMessage().contains("max_datagram_frame_size"), refused::getMessage);
            assertTrue(refused.getMessage().contains("/example.pointer.Pointer/moves"), refused::getMessage);
        }
    }

    @Test
    void aMessageTooBigForOneDatagramFailsTheCall() throws Exception {
        Positions handler = new Positions();
        RecordingWireTap serverTap = new RecordingWireTap();
        try (Server server = Server.builder()
                        .identity(IDENTITY)
                        .tap(serverTap)
                        .addService(PointerServerBinding.bind(handler))
                        .start();
                Client client = connect(server)) {
            RealtimeSink<Position> moves = new PointerClient(client).moves();
            moves.send(at(1, 8));
            // The server has the call (its CALL stream opened) before the message that fails it:
            // a reset sent before the stream left the client would reach the server as nothing.
            assertEquals(1L, handler.seen.poll(30, TimeUnit.SECONDS));
            StatusException tooBig = assertThrows(StatusException.class, () -> moves.send(at(2, 4000)));
            assertEquals(StatusCode.RESOURCE_EXHAUSTED, tooBig.code());
            assertTrue(tooBig.getMessage().contains("does not fit in one QUIC DATAGRAM"), tooBig::getMessage);
            assertTrue(tooBig.getMessage().contains("/example.pointer.Pointer/moves"), tooBig::getMessage);
            // The call is over: the next message throws the same failure.
            assertEquals(tooBig, assertThrows(StatusException.class, () -> moves.send(at(3, 8))));
            // The client reset the CALL stream with CANCELLED (0x1).
            assertTrue(
                    serverTap.await(e -> e.type() == WireEvent.Type.RESET_RECEIVED && e.code() == 0x1, 30_000) != null,
                    () -> serverTap.events().toString());
            // The handler sees the cancel.
            Long last;
            do {
                last = handler.seen.poll(30, TimeUnit.SECONDS);
            } while (last != null && last >= 0);
            assertEquals(-100L - StatusCode.CANCELLED.value(), last);
        }
    }

    private static Client connect(Server server) {
        return Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .connect();
    }

    private static <T> java.util.concurrent.Flow.Publisher<T> publisher(List<T> items) {
        return subscriber -> subscriber.onSubscribe(new java.util.concurrent.Flow.Subscription() {
            private int next;
            private boolean done;

            @Override
            public synchronized void request(long n) {
                for (long i = 0; i < n && next < items.size(); i++) {
                    subscriber.onNext(items.get(next++));
                }
                if (next == items.size() && !done) {
                    done = true;
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {}
        });
    }
}
