package io.quicidl.benchmarks.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quicidl.benchmarks.quicidl.BenchClient;
import io.quicidl.benchmarks.quicidl.Chunk;
import io.quicidl.benchmarks.quicidl.Payload;
import io.quicidl.benchmarks.quicidl.StreamRequest;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.ResponseStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A large {@code @unordered} call on a slow path (a 1 MB/s bottleneck towards the client, several
 * seconds of responses) must hold back neither the connection's control stream nor other calls:
 * quiche sends a non-incremental stream before incremental ones of the same urgency, so stream
 * priorities decide it.
 */
class StreamPriorityOverSlowPathTest {
    private static final int RESPONSES = 200;
    private static final int RESPONSE_BYTES = 16 << 10;
    private static final RelayConditions SLOW_DOWNLINK = RelayConditions.PERFECT.withRateLimit(1_000_000, 64 << 10);

    @Test
    void pongsAnswerTheClientsPingsWhileResponsesFillThePath() {
        try (RelayedBenchServer server =
                        new RelayedBenchServer(frame -> {}, RelayConditions.PERFECT, SLOW_DOWNLINK, 1);
                RelayedBenchServer.RelayedClient connection = connect(server, Duration.ofSeconds(1))) {
            // 3.3 s of responses against a 1 s liveness timeout: a PONG queued behind them
            // would close the connection with UNRESPONSIVE.
            BenchClient bench = new BenchClient(connection.client());
            int received = 0;
            try (ResponseStream<Indexed<Chunk>> responses = bench.scatter(request())) {
                for (Indexed<Chunk> response : responses) {
                    assertEquals(RESPONSE_BYTES, response.value().data().size());
                    received++;
                }
            }
            assertEquals(RESPONSES, received);
        }
    }

    @Test
    void aUnaryCallOvertakesALargeUnorderedCallOnTheSameConnection() throws Exception {
        try (RelayedBenchServer server =
                        new RelayedBenchServer(frame -> {}, RelayConditions.PERFECT, SLOW_DOWNLINK, 2);
                RelayedBenchServer.RelayedClient connection = connect(server, Duration.ofSeconds(15))) {
            BenchClient bench = new BenchClient(connection.client());
            AtomicInteger received = new AtomicInteger();
            CountDownLatch flowing = new CountDownLatch(1);
            CompletableFuture<Void> scatter = CompletableFuture.runAsync(() -> {
                try (ResponseStream<Indexed<Chunk>> responses = bench.scatter(request())) {
                    for (Indexed<Chunk> ignored : responses) {
                        received.incrementAndGet();
                        flowing.countDown();
                    }
                }
            });
            assertTrue(flowing.await(30, TimeUnit.SECONDS), "no @unordered response arrived");
            Payload ping =
                    Payload.newBuilder().data(ByteString.copyFromUtf8("ping")).build();
            assertEquals(ping, bench.echo(ping));
            int whenAnswered = received.get();
            scatter.get(60, TimeUnit.SECONDS);
            assertEquals(RESPONSES, received.get());
            // Answered behind the responses already on the path, not behind all the call's data.
            assertTrue(
                    whenAnswered < RESPONSES / 2,
                    "the unary call was answered only after " + whenAnswered + " of " + RESPONSES + " responses");
        }
    }

    private static RelayedBenchServer.RelayedClient connect(RelayedBenchServer server, Duration liveness) {
        LossyUdpRelay relay = server.newRelay();
        try {
            Client client = RelayedBenchServer.clientTo(relay.address())
                    .livenessTimeout(liveness)
                    .connect();
            return new RelayedBenchServer.RelayedClient(client, relay);
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    private static StreamRequest request() {
        return StreamRequest.newBuilder()
                .count(RESPONSES)
                .messageBytes(RESPONSE_BYTES)
                .build();
    }
}
