package io.quicidl.micrometer;

import static io.quicidl.micrometer.ProbeService.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quicidl.micrometer.probe.ProbeClient;
import io.quicidl.micrometer.probe.ProbeServerBinding;
import io.quicidl.micrometer.probe.Word;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-connection gauges of a server and a client over loopback QUIC. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectionMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Identity identity = Identity.selfSigned("localhost");
    private final Server server = Server.builder()
            .bind("127.0.0.1", 0)
            .identity(identity)
            .addService(ProbeServerBinding.bind(new ProbeService()))
            .start();

    @AfterEach
    void stop() {
        server.close();
    }

    private Client connect() {
        return Client.builder()
                .address(server.localAddress())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
    }

    @Test
    void eachConnectionHasGaugesFromTheQuicStack() {
        ConnectionMetrics serverMetrics = ConnectionMetrics.of(server);
        serverMetrics.bindTo(registry);
        ConnectionMetrics clientMetrics;
        try (Client first = connect();
                Client second = connect()) {
            clientMetrics = ConnectionMetrics.of(first);
            clientMetrics.bindTo(registry);
            new ProbeClient(first).echo(word("hello"));
            new ProbeClient(second).echo(word("hello"));
            serverMetrics.refresh();

            Collection<Gauge> serverRtts = rtts("server");
            assertEquals(2, serverRtts.size(), "one RTT gauge per server connection");
            assertEquals(
                    2,
                    serverRtts.stream()
                            .map(g -> g.getId().getTag(MeterNames.CONNECTION))
                            .distinct()
                            .count());
            for (Gauge rtt : serverRtts) {
                assertTrue(rtt.value() > 0, "server RTT " + rtt.value());
            }
            Collection<Gauge> clientRtts = rtts("client");
            assertEquals(1, clientRtts.size());
            assertTrue(clientRtts.iterator().next().value() > 0, "client RTT");
            for (String name : new String[] {"congestion_window", "packets.lost", "streams.open"}) {
                Collection<Gauge> gauges =
                        registry.find("quic.connection." + name).gauges();
                assertEquals(3, gauges.size(), name);
                gauges.forEach(g -> assertTrue(g.value() >= 0, name + " " + g.value()));
            }
            registry.get("quic.connection.congestion_window")
                    .tag(MeterNames.SIDE, "client")
                    .gauges()
                    .forEach(g -> assertTrue(g.value() > 0, "client congestion window"));
            assertEquals(2, registry.get("quicidl.server.connections").gauge().value());
            assertEquals(
                    0,
                    registry.get("quicidl.server.calls.refused")
                            .functionCounter()
                            .count());
        }
        Waits.until(() -> server.connectionCount() == 0, () -> server.connectionCount() + " connections open");
        serverMetrics.refresh();
        assertEquals(0, rtts("server").size(), "closed connections keep no gauges");
        clientMetrics.refresh();
        assertEquals(0, rtts("client").size(), "a closed client keeps no gauges");
    }

    @Test
    void openStreamsCountsACallInFlight() {
        ConnectionMetrics serverMetrics = ConnectionMetrics.of(server);
        serverMetrics.bindTo(registry);
        try (Client client = connect();
                ResponseStream<Word> words = new ProbeClient(client).repeat(word("forever"))) {
            words.iterator().next();
            serverMetrics.refresh();
            assertEquals(
                    1,
                    registry.get("quic.connection.streams.open")
                            .tag(MeterNames.SIDE, "server")
                            .gauge()
                            .value());
        }
    }

    private Collection<Gauge> rtts(String side) {
        return registry.find("quic.connection.rtt").tag(MeterNames.SIDE, side).gauges();
    }
}
