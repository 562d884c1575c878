package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.CongestionControl;
import io.quicidl.runtime.CongestionControl.Algorithm;
import io.quicidl.runtime.ConnectionStats;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code congestionControl} on both builders reaches the QUIC stack: every controller carries
 * real calls, and the initial window set on each side is the one its stack reports.
 */
class CongestionControlSettingTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everyControllerCarriesCallsBothWays(Algorithm algorithm) {
        EchoService echo = new EchoService();
        CongestionControl congestion = CongestionControl.of(algorithm);
        try (Server server = Server.builder()
                        .identity(IDENTITY)
                        .addService(echo.definition())
                        .congestionControl(congestion)
                        .start();
                Client client = connect(server, congestion)) {
            Text big = Text.of("q".repeat(256 << 10));
            assertEquals(big, ClientCalls.unary(client, EchoService.BIG, big, CallOptions.DEFAULT));
            assertEquals(
                    Text.of("echo:a"), ClientCalls.unary(client, EchoService.UNARY, Text.of("a"), CallOptions.DEFAULT));
        } finally {
            echo.shutdown();
        }
    }

    @Test
    void theInitialWindowOfEachSideIsTheOneItsStackStartsWith() {
        EchoService echo = new EchoService();
        try (Server server = Server.builder()
                        .identity(IDENTITY)
                        .addService(echo.definition())
                        .congestionControl(CongestionControl.defaults().withInitialWindowPackets(200))
                        .start();
                Client small = connect(server, CongestionControl.defaults().withInitialWindowPackets(2));
                Client large = connect(server, CongestionControl.defaults().withInitialWindowPackets(200))) {
            long smallWindow = small.stats().congestionWindowBytes();
            long largeWindow = large.stats().congestionWindowBytes();
            // A full-size packet is at least 1,200 bytes (RFC 9000 §14); slow start may have
            // grown either window by what the handshake's acknowledgements covered.
            assertTrue(largeWindow >= 200 * 1_200L, "client window with 200 packets: " + largeWindow);
            assertTrue(largeWindow > 10 * smallWindow, "200 packets " + largeWindow + " vs 2 packets " + smallWindow);
            List<ConnectionStats> serverSide = server.connectionStats();
            assertEquals(2, serverSide.size());
            for (ConnectionStats stats : serverSide) {
                assertTrue(
                        stats.congestionWindowBytes() >= 200 * 1_200L,
                        "server window with 200 packets: " + stats.congestionWindowBytes());
            }
        } finally {
            echo.shutdown();
        }
    }

    @Test
    void anInitialWindowOutOfRangeIsRefusedNamingTheSetting() {
        IllegalArgumentException zero = assertThrows(
                IllegalArgumentException.class,
                () -> CongestionControl.defaults().withInitialWindowPackets(0));
        assertTrue(zero.getMessage().contains("initialWindowPackets"), zero.getMessage());
        assertTrue(zero.getMessage().contains("got 0"), zero.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> CongestionControl.defaults()
                        .withInitialWindowPackets(CongestionControl.MAX_INITIAL_WINDOW_PACKETS + 1));
        assertThrows(NullPointerException.class, () -> CongestionControl.of(null));
    }

    private static Client connect(Server server, CongestionControl congestion) {
        return Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .congestionControl(congestion)
                .connect();
    }
}
