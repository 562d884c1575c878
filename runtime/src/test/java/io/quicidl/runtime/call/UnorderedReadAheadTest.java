package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.ResponseStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @unordered} without head-of-line blocking in the client: response streams that stall
 * (as behind a lost packet) hold back no other response, even when more of them stall than
 * responses may wait for the reader.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnorderedReadAheadTest {
    private static final int RESPONSES = 20;
    /** More than {@link UnorderedClientCall#READY_BOUND}, fewer than {@link UnorderedClientCall#READ_AHEAD}. */
    private static final int STALLED = UnorderedClientCall.READY_BOUND + 2;

    private final EchoService service = new EchoService();
    private final MemoryTransport.Settings settings = new MemoryTransport.Settings();
    private MemoryTransport pair;

    @AfterEach
    void close() throws Exception {
        try {
            pair.awaitQuiet();
        } finally {
            pair.close();
            service.shutdown();
        }
    }

    @Test
    void stalledResponseStreamsHoldBackNoOthers() throws Exception {
        assertTrue(STALLED < UnorderedClientCall.READ_AHEAD);
        // The first response streams the server opens (server uni 3, 7, 11, ...) deliver their
        // RESPONSE_HEADER and then nothing more.
        for (int i = 0; i < STALLED; i++) {
            settings.stallAfterFirstFrame.add(3L + 4L * i);
        }
        pair = new MemoryTransport(new Router(List.of(service.definition())), settings);
        ResponseStream<Indexed<Text>> responses = ClientCalls.unordered(
                pair.channel(), EchoService.BLOCKS, Text.of(Integer.toString(RESPONSES)), CallOptions.DEFAULT);
        Iterator<Indexed<Text>> iterator = responses.iterator();
        Set<Long> got = new HashSet<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < RESPONSES - STALLED; i++) {
                Indexed<Text> response = iterator.next();
                assertEquals("block-" + response.index(), response.value().value());
                synchronized (got) {
                    got.add(response.index());
                }
            }
        });
        try {
            reading.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            synchronized (got) {
                throw new AssertionError("only " + got + " arrived; " + pair.wire(), e);
            }
        } finally {
            responses.close();
        }
        synchronized (got) {
            assertEquals(RESPONSES - STALLED, got.size(), "responses that arrived: " + got);
        }
    }
}
