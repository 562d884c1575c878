package io.quicidl.benchmarks.systems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every call pattern of the raw Netty QUIC peer, in both setups, end to end on loopback. Runs in a
 * few seconds on an idle 2-core box; the timeouts leave room for a loaded one.
 */
class RawQuicSystemTest {
    static Stream<RawQuicSystem> setups() {
        return Stream.of(RawQuicSystem.defaults(), RawQuicSystem.tuned());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyCallPatternMovesEveryByte(RawQuicSystem system) throws Exception {
        try (EchoSystem.Endpoint endpoint = system.start();
                EchoClient client = endpoint.connect()) {
            byte[] request = new byte[64];
            for (int i = 0; i < 100; i++) {
                request[0] = (byte) i;
                assertArrayEquals(request, client.unary(request));
            }

            List<CompletableFuture<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] payload = new byte[64];
                payload[63] = (byte) i;
                calls.add(client.unaryAsync(payload));
            }
            for (int i = 0; i < calls.size(); i++) {
                byte[] response = calls.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(64, response.length);
                assertEquals((byte) i, response[63]);
            }

            assertEquals(1000L * 1024, client.serverStream(1000, 1024));
            assertEquals(0L, client.serverStream(0, 1024));
            assertEquals(64L << 20, client.duplexEcho(64L << 20, 64 << 10));
            assertEquals(1000L, client.duplexEcho(1000, 64 << 10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void clientsOfOneServerWorkSideBySide(RawQuicSystem system) throws Exception {
        try (EchoSystem.Endpoint endpoint = system.start();
                EchoClient first = endpoint.connect();
                EchoClient second = endpoint.connect()) {
            byte[] request = {1, 2, 3};
            assertArrayEquals(request, first.unary(request));
            assertArrayEquals(request, second.unary(request));
            assertArrayEquals(new byte[0], first.unary(new byte[0]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void callsFromManyThreadsAndFromCallbacksGetTheirOwnBytes(RawQuicSystem system) throws Exception {
        try (EchoSystem.Endpoint endpoint = system.start();
                EchoClient client = endpoint.connect()) {
            // Several threads at once, their calls handed over to the event loop in batches; 800 in
            // flight at most, under the server's limit of 1000 streams.
            List<CompletableFuture<Void>> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                threads.add(CompletableFuture.runAsync(
                        () -> {
                            List<CompletableFuture<byte[]>> calls = new ArrayList<>();
                            for (int i = 0; i < 200; i++) {
                                calls.add(client.unaryAsync(request(thread, i)));
                            }
                            for (int i = 0; i < calls.size(); i++) {
                                assertArrayEquals(
                                        request(thread, i), calls.get(i).join());
                            }
                        },
                        runnable -> new Thread(runnable).start()));
            }
            CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            // Chains from the completion callback: each response issues the next call on the event loop.
            CompletableFuture<Integer> chained = new CompletableFuture<>();
            chain(client, 0, 2_000, chained);
            assertEquals(2_000, chained.get(60, TimeUnit.SECONDS));
        }
    }

    private static byte[] request(int thread, int call) {
        return new byte[] {(byte) thread, (byte) call, (byte) (call >> 8)};
    }

    private static void chain(EchoClient client, int call, int calls, CompletableFuture<Integer> done) {
        if (call == calls) {
            done.complete(call);
            return;
        }
        byte[] request = request(9, call);
        client.unaryThen(request, (response, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else if (!Arrays.equals(request, response)) {
                done.completeExceptionally(new AssertionError("call " + call + " got other bytes"));
            } else {
                chain(client, call + 1, calls, done);
            }
        });
    }

    @Test
    void clientTrustsOnlyTheServersCertificate() throws Exception {
        try (RawQuicEndpoint endpoint =
                (RawQuicEndpoint) RawQuicSystem.defaults().start()) {
            RawQuicTls otherCertificate = new RawQuicTls();
            IllegalStateException refused = assertThrows(
                    IllegalStateException.class,
                    () -> endpoint.connect(otherCertificate).close());
            assertInstanceOf(SSLHandshakeException.class, refused.getCause());
        }
    }
}
