package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.AsyncRequestSink;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AsyncSendQueue} over a blocking sink whose {@code send} waits for a gate, as a real one
 * waits for flow control: a send's stage completes only once the sink took the message, the
 * bound on waiting messages fails the call loudly, and cancel fails what waits.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncSendQueueTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> taken = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final CountDownLatch completed = new CountDownLatch(1);

    private final AsyncSendQueue<String, String> queue = new AsyncSendQueue<>(
            message -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StatusException(StatusCode.CANCELLED, "interrupted");
                }
                taken.add(message);
            },
            () -> {
                completed.countDown();
                return String.join(",", taken);
            },
            cancelled::countDown,
            executor);

    @AfterEach
    void shutdown() {
        gate.countDown();
        executor.shutdownNow();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void aSendCompletesWhenTheSinkTookTheMessage() throws Exception {
        CompletableFuture<Void> first = queue.send("a").toCompletableFuture();
        CompletableFuture<Void> second = queue.send("b").toCompletableFuture();
        queue.complete();
        assertFalse(first.isDone(), "no flow control credit yet");
        gate.countDown();
        second.get(20, TimeUnit.SECONDS);
        assertTrue(first.isDone());
        assertEquals("a,b", queue.result().get(20, TimeUnit.SECONDS));
    }

    @Test
    void oneSendOverTheBoundFailsTheCallLoudly() throws Exception {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        // One message is in the sink's send, waiting at the gate; the bound counts the ones behind it.
        for (int i = 0; i <= AsyncRequestSink.MAX_PENDING + 1; i++) {
            sends.add(queue.send("m" + i).toCompletableFuture());
        }
        IllegalStateException overflow = assertInstanceOf(IllegalStateException.class, failureOf(queue.result()));
        assertTrue(overflow.getMessage().contains("more than " + AsyncRequestSink.MAX_PENDING), overflow.getMessage());
        assertEquals(overflow, failureOf(sends.get(sends.size() - 1)));
        assertTrue(cancelled.await(20, TimeUnit.SECONDS), "the call is cancelled");
        gate.countDown();
        assertEquals(overflow, failureOf(sends.get(sends.size() - 2)));
        assertEquals(overflow, failureOf(queue.send("after").toCompletableFuture()));
    }

    @Test
    void sendAfterCompleteIsRefused() {
        queue.complete();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> queue.send("late"));
        assertEquals("send after complete()", e.getMessage());
    }

    @Test
    void anEmptyStreamCompletes() throws Exception {
        queue.complete();
        assertEquals("", queue.result().get(20, TimeUnit.SECONDS));
        assertTrue(completed.await(20, TimeUnit.SECONDS));
    }

    @Test
    void cancelFailsWhatWaitsAndCancelsTheCall() throws Exception {
        queue.send("a");
        CompletableFuture<Void> waiting = queue.send("b").toCompletableFuture();
        queue.cancel();
        StatusException e = assertInstanceOf(StatusException.class, failureOf(waiting));
        assertEquals(StatusCode.CANCELLED, e.code());
        assertEquals(e, failureOf(queue.result()));
        assertTrue(cancelled.await(20, TimeUnit.SECONDS));
    }

    @Test
    void cancellingTheResultCancelsTheCall() throws Exception {
        queue.send("a");
        CompletableFuture<Void> waiting = queue.send("b").toCompletableFuture();
        queue.result().cancel(false);
        assertTrue(cancelled.await(20, TimeUnit.SECONDS));
        failureOf(waiting);
    }
}
