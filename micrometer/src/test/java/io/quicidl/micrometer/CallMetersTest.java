package io.quicidl.micrometer;

import static io.quicidl.micrometer.ProbeService.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quicidl.micrometer.probe.ProbeClient;
import io.quicidl.micrometer.probe.ProbeServerBinding;
import io.quicidl.micrometer.probe.Refused;
import io.quicidl.micrometer.probe.Word;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The call meters of both sides over loopback QUIC, read after calls of each pattern. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Server server;
    private Client client;
    private ProbeClient probe;

    @BeforeEach
    void start() {
        Identity identity = Identity.selfSigned("localhost");
        server = Server.builder()
                .bind("127.0.0.1", 0)
                .identity(identity)
                .intercept(new MetricsServerInterceptor(registry))
                .addService(ProbeServerBinding.bind(new ProbeService()))
                .start();
        client = Client.builder()
                .address(server.localAddress())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
        probe = new ProbeClient(client.intercept(new MetricsClientInterceptor(registry)));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyPatternIsTimedAndCountedOnBothSidesWithItsMessages() {
        ProbeCalls calls = new ProbeCalls(probe);
        calls.unary();
        calls.serverStreaming();
        calls.clientStreaming();
        calls.duplex();
        calls.notifications();
        calls.unordered();
        calls.realtime();

        // method, pattern tag, requests, responses (-1: stale requests may have been dropped)
        expectCall("echo", "unary", 1, 1);
        expectCall("repeat", "server_streaming", 1, 3);
        expectCall("join", "client_streaming", 3, 1);
        expectCall("chat", "duplex", 2, 2);
        expectCall("note", "notifications", 3, 0);
        expectCall("scatter", "unordered", 1, 2);
        expectCall("live", "realtime", -1, 0);
        assertNull(registry.find("rpc.server.calls.refused").counter());
        assertNull(registry.find("rpc.client.calls.refused").counter());
    }

    /** Both sides saw one OK call of {@code method}, with these message counts, and none is in flight. */
    private void expectCall(String method, String pattern, int requests, int responses) {
        for (String side : new String[] {"client", "server"}) {
            String calls = "rpc." + side + ".calls";
            Waits.until(
                    () -> count(calls, method, "OK") == 1,
                    () -> side + " " + method + ": " + count(calls, method, "OK") + " OK calls");
            Timer duration = ended(side, method, "OK").timer();
            assertNotNull(duration, side + " " + method + " timer");
            assertEquals(1, duration.count());
            assertEquals(pattern, duration.getId().getTag(MeterNames.PATTERN));
            assertEquals("quicidl", duration.getId().getTag(MeterNames.SYSTEM));
            assertEquals("quicidl.probe.Probe", duration.getId().getTag(MeterNames.SERVICE));
            assertEquals(0, active(side, method), side + " " + method + " still in flight");

            boolean client = side.equals("client");
            double requestsSeen = messages(side, method, client ? "sent" : "received");
            double responsesSeen = messages(side, method, client ? "received" : "sent");
            if (requests < 0) {
                assertTrue(
                        client ? requestsSeen == 3 : requestsSeen >= 1 && requestsSeen <= 3,
                        side + " " + method + " requests " + requestsSeen);
            } else {
                assertEquals(requests, requestsSeen, side + " " + method + " requests");
            }
            assertEquals(responses, responsesSeen, side + " " + method + " responses");
            double bytes = registry.get("rpc." + side + ".bytes." + (client ? "sent" : "received"))
                    .tag(MeterNames.METHOD, method)
                    .counter()
                    .count();
            assertTrue(bytes >= requestsSeen, side + " " + method + " request bytes " + bytes);
        }
    }

    @Test
    void statusTagsNameHowCallsEndedAndRefusalsAreCounted() throws Exception {
        Refused refused = assertThrows(Refused.class, () -> probe.echo(word("no")));
        assertEquals("no is no", refused.reason());
        StatusException busy = assertThrows(StatusException.class, () -> probe.echo(word("busy")));
        assertEquals(StatusCode.RESOURCE_EXHAUSTED, busy.code());
        try (ResponseStream<Word> words = probe.repeat(word("forever"))) {
            Iterator<Word> it = words.iterator();
            it.next();
            it.next();
        }

        for (String side : new String[] {"client", "server"}) {
            String calls = "rpc." + side + ".calls";
            Waits.until(
                    () -> count(calls, "echo", "FAILED_PRECONDITION") == 1
                            && count(calls, "echo", "RESOURCE_EXHAUSTED") == 1
                            && count(calls, "repeat", "CANCELLED") == 1,
                    () -> side + " calls: "
                            + registry.find(calls).counters().stream()
                                    .map(c -> c.getId().getTags() + "=" + c.count())
                                    .toList());
            assertEquals(1, count("rpc." + side + ".calls.refused", "echo", "RESOURCE_EXHAUSTED"));
            assertNull(registry.find("rpc." + side + ".calls.refused")
                    .tag(MeterNames.STATUS, "FAILED_PRECONDITION")
                    .counter());
            assertEquals(0, count(calls, "echo", "OK"));
            assertEquals(1, ended(side, "repeat", "CANCELLED").timer().count());
            assertEquals(0, active(side, "echo"));
            assertEquals(0, active(side, "repeat"));
        }
    }

    @Test
    void callsInFlightShowInTheActiveGauge() {
        try (ResponseStream<Word> words = probe.repeat(word("forever"))) {
            words.iterator().next();
            assertEquals(1, active("client", "repeat"));
            Waits.until(() -> active("server", "repeat") == 1, () -> "server repeat not active");
        }
        Waits.until(
                () -> active("client", "repeat") == 0 && active("server", "repeat") == 0,
                () -> "repeat still active: client " + active("client", "repeat") + ", server "
                        + active("server", "repeat"));
    }

    private Search ended(String side, String method, String status) {
        return registry.find("rpc." + side + ".duration")
                .tag(MeterNames.METHOD, method)
                .tag(MeterNames.STATUS, status);
    }

    private double count(String name, String method, String status) {
        Counter counter = registry.find(name)
                .tag(MeterNames.METHOD, method)
                .tag(MeterNames.STATUS, status)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double messages(String side, String method, String direction) {
        return registry.get("rpc." + side + ".messages." + direction)
                .tag(MeterNames.METHOD, method)
                .counter()
                .count();
    }

    private double active(String side, String method) {
        Gauge gauge = registry.find("rpc." + side + ".calls.active")
                .tag(MeterNames.METHOD, method)
                .gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
