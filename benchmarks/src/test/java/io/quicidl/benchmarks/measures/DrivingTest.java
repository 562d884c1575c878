package io.quicidl.benchmarks.measures;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.benchmarks.systems.EchoClient;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both drivings of measure 2 count calls, stop in time and fail on a wrong answer, against an in-memory echo. */
class DrivingTest {
    private final ExecutorService completions = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        completions.shutdownNow();
    }

    @Test
    void bothDrivingsCountCallsAndStop() throws Exception {
        List<EchoClient> clients = List.of(new MemoryEcho(false), new MemoryEcho(false));
        assertTrue(ThreadDriving.callsPerSecond(clients, 64, 200) > 0);
        assertTrue(CallbackDriving.callsPerSecond(clients, 64, 200, 1_000_000) > 0);
        // The ceiling of calls ends a run long before its deadline.
        long started = System.nanoTime();
        CallbackDriving.callsPerSecond(clients, 8, 60_000, 100);
        assertTrue(System.nanoTime() - started < 30_000_000_000L);
    }

    @Test
    void aWrongAnswerFailsTheRun() {
        List<EchoClient> clients = List.of(new MemoryEcho(true));
        assertThrows(IllegalStateException.class, () -> ThreadDriving.callsPerSecond(clients, 8, 200));
        assertThrows(IllegalStateException.class, () -> CallbackDriving.callsPerSecond(clients, 8, 200, 1_000));
    }

    /** Echoes on a pool thread, as a system completes on its own threads; {@code corrupt} flips a byte. */
    private final class MemoryEcho implements EchoClient {
        private final boolean corrupt;

        MemoryEcho(boolean corrupt) {
            this.corrupt = corrupt;
        }

        @Override
        public void unaryThen(byte[] request, BiConsumer<byte[], Throwable> done) {
            completions.execute(() -> {
                byte[] response = Arrays.copyOf(request, request.length);
                if (corrupt) {
                    response[0]++;
                }
                done.accept(response, null);
            });
        }

        @Override
        public CompletableFuture<byte[]> unaryAsync(byte[] request) {
            CompletableFuture<byte[]> response = new CompletableFuture<>();
            unaryThen(request, (echoed, error) -> response.complete(echoed));
            return response;
        }

        @Override
        public byte[] unary(byte[] request) {
            return unaryAsync(request).join();
        }

        @Override
        public long serverStream(int count, int messageBytes) {
            throw new UnsupportedOperationException("the driving test makes unary calls only");
        }

        @Override
        public long duplexEcho(long totalBytes, int chunkBytes) {
            throw new UnsupportedOperationException("the driving test makes unary calls only");
        }

        @Override
        public void close() {}
    }
}
