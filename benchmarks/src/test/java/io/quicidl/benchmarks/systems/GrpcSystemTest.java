package io.quicidl.benchmarks.systems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both gRPC setups answer every {@link EchoClient} call with the right bytes over TLS on loopback. */
class GrpcSystemTest {
    private static final int MIB = 1024 * 1024;

    static Stream<GrpcSystem> setups() {
        return Stream.of(GrpcSystem.fastest(), GrpcSystem.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void echoesUnaryStreamsAndDuplex(GrpcSystem system) throws Exception {
        try (EchoSystem.Endpoint endpoint = system.start();
                EchoClient client = endpoint.connect()) {
            byte[] request = new byte[64];
            for (int i = 0; i < 100; i++) {
                request[0] = (byte) i;
                assertArrayEquals(request, client.unary(request));
            }
            List<CompletableFuture<byte[]>> inFlight = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                inFlight.add(client.unaryAsync(new byte[] {(byte) i}));
            }
            for (int i = 0; i < inFlight.size(); i++) {
                assertArrayEquals(new byte[] {(byte) i}, inFlight.get(i).get(5, TimeUnit.SECONDS));
            }
            assertEquals(1000L * 1024, client.serverStream(1000, 1024));
            assertEquals(0L, client.serverStream(0, 1024));
            assertEquals(64L * MIB, client.duplexEcho(64L * MIB, 64 * 1024));
            assertEquals(100_000L, client.duplexEcho(100_000L, 64 * 1024), "a partial last chunk");
        }
    }
}
