package io.quicidl.examples.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quicidl.micrometer.MeterNames;
import io.quicidl.opentelemetry.SpanNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example's whole run over loopback QUIC: what it printed, and what its registry holds. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ObservabilityExampleTest {
    private static final String INVENTORY = "example.inventory.Inventory";
    private static final String HEALTH = "quicidl.health.v1.Health";

    private final ObservabilityExample example = new ObservabilityExample();
    private final List<String> printed = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        example.close();
    }

    @Test
    void theRunPrintsHealthTheCallsTheAccessLogAndTheMeters() {
        example.run(printed::add);
        String text = String.join("\n", printed);

        assertEquals(
                List.of(
                        "health of example.inventory.Inventory: SERVING",
                        "lookup BLT-6: hex bolt M6, 500 in stock",
                        "lookup XYZ-9: UnknownSku XYZ-9",
                        "browse, at least 100: BLT-6 (500), NUT-6 (120)",
                        "restock: 2 deliveries, 225 items",
                        "",
                        "server access log (AccessLog, a ServerInterceptor):"),
                printed.subList(0, 7));

        // One access-log line per call, in the order the calls ended on the server.
        Set<String> logged = new TreeSet<>();
        for (String line : printed.subList(7, 7 + ObservabilityExample.CALLS)) {
            assertTrue(
                    line.matches("  /\\S+ +\\w+ +[A-Z_]+ +\\d+\\.\\d\\d ms.*"),
                    "not an access-log line: '" + line + "'\n" + text);
            String[] words = line.trim().split(" +");
            logged.add(words[0] + " " + words[1] + " " + words[2]);
        }
        assertEquals(
                new TreeSet<>(Set.of(
                        "/quicidl.health.v1.Health/check unary OK",
                        "/example.inventory.Inventory/lookup unary OK",
                        "/example.inventory.Inventory/lookup unary FAILED_PRECONDITION",
                        "/example.inventory.Inventory/browse server_streaming OK",
                        "/example.inventory.Inventory/restock client_streaming OK")),
                logged);
        int afterLog = 7 + ObservabilityExample.CALLS;
        assertEquals(
                List.of("", "traces (TracingClientInterceptor, TracingServerInterceptor):"),
                printed.subList(afterLog, afterLog + 2),
                text);

        // One line per trace, in the order the calls were made: each call one trace over both sides.
        List<String> traces = new ArrayList<>();
        for (String line : printed.subList(afterLog + 2, afterLog + 2 + ObservabilityExample.CALLS)) {
            assertTrue(line.matches("  trace [0-9a-f]{8}  .*"), "not a trace line: '" + line + "'\n" + text);
            traces.add(line.substring("  trace 12345678  ".length()).replaceAll(" +", " "));
        }
        assertEquals(
                List.of(
                        "quicidl.health.v1.Health/check client OK, server OK, server span child of client span",
                        "example.inventory.Inventory/lookup client OK, server OK, server span child of client span",
                        "example.inventory.Inventory/lookup client FAILED_PRECONDITION, server FAILED_PRECONDITION,"
                                + " server span child of client span",
                        "example.inventory.Inventory/browse client OK, server OK, server span child of client span",
                        "example.inventory.Inventory/restock client OK, server OK, server span child of client span"),
                traces,
                text);
        int afterTraces = afterLog + 2 + ObservabilityExample.CALLS;
        assertEquals(
                List.of("", "meter registry (SimpleMeterRegistry):"),
                printed.subList(afterTraces, afterTraces + 2),
                text);

        // The tables: a row per side, method and status with its count, and a row per connection.
        for (String side : List.of("client", "server")) {
            assertRow(text, side + " +example\\.inventory\\.Inventory +lookup +unary +FAILED_PRECONDITION +1 +mean .*");
            assertRow(text, side + " +example\\.inventory\\.Inventory +browse +server_streaming +OK +1 +mean .*");
            assertRow(text, side + " +quicidl\\.health\\.v1\\.Health +check +unary +OK +1 +mean .*");
            assertRow(text, side + " +\\d+ +\\d+ +\\d+ +\\d+\\.\\d{3} ms +\\d+");
        }
        // The server's connection count, read while the client was still connected.
        assertTrue(
                text.matches("(?s).*\nquicidl\\.server\\.<meter>\n  calls\\.refused  connections  handlers\\.running\n"
                        + "  0 +1 +\\d+(\n.*)?"),
                text);
        assertTrue(
                text.contains("rpc.{client,server}.<meter>  by rpc.service, rpc.method, rpc.quicidl.pattern,"
                        + " rpc.quicidl.status (and rpc.system=quicidl)\n"
                        + "  side    service                      method   pattern           status              "
                        + " calls  duration"),
                text);
    }

    private static void assertRow(String text, String regex) {
        assertTrue(
                text.lines().anyMatch(line -> line.matches(" +" + regex)),
                "no row matching '" + regex + "' in:\n" + text);
    }

    @Test
    void theRegistryCountsEveryCallOnBothSidesAndTheConnections() {
        example.run(printed::add);
        MeterRegistry registry = example.registry();

        for (String side : List.of("client", "server")) {
            String calls = "rpc." + side + ".calls";
            assertEquals(1, count(registry, calls, HEALTH, "check", "OK"), side);
            assertEquals(1, count(registry, calls, INVENTORY, "lookup", "OK"), side);
            assertEquals(1, count(registry, calls, INVENTORY, "lookup", "FAILED_PRECONDITION"), side);
            assertEquals(1, count(registry, calls, INVENTORY, "browse", "OK"), side);
            assertEquals(1, count(registry, calls, INVENTORY, "restock", "OK"), side);
            assertEquals(
                    ObservabilityExample.CALLS,
                    registry.find(calls).counters().stream()
                            .mapToDouble(Counter::count)
                            .sum(),
                    side + " calls, any method and status");

            Timer browse = registry.get("rpc." + side + ".duration")
                    .tag(MeterNames.METHOD, "browse")
                    .tag(MeterNames.STATUS, "OK")
                    .timer();
            assertEquals(1, browse.count());
            assertEquals("server_streaming", browse.getId().getTag(MeterNames.PATTERN));

            boolean client = side.equals("client");
            assertEquals(2, messages(registry, side, "browse", client ? "received" : "sent"), side + " browse items");
            assertEquals(2, messages(registry, side, "restock", client ? "sent" : "received"), side + " deliveries");
            for (Gauge active : registry.find("rpc." + side + ".calls.active").gauges()) {
                assertEquals(0, active.value(), active.getId().toString());
            }

            Gauge rtt = registry.get("quic.connection.rtt")
                    .tag(MeterNames.SIDE, side)
                    .gauge();
            assertTrue(rtt.value() > 0, side + " rtt " + rtt.value());
        }
        // quicidl.server.connections is read live, and the run has closed its client by now: see the
        // printed table for the count while it was open.
        assertNotNull(registry.find("quicidl.server.calls.refused").functionCounter());
    }

    @Test
    void everyCallIsOneTraceWithTheServerSpanTheChildOfTheClientSpan() {
        example.run(printed::add);
        List<SpanData> spans = example.spanLog().spans();
        assertEquals(2 * ObservabilityExample.CALLS, spans.size(), spans.toString());

        Map<String, List<SpanData>> byTrace = spans.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
        assertEquals(ObservabilityExample.CALLS, byTrace.size(), spans.toString());
        List<String> calls = new ArrayList<>();
        for (List<SpanData> trace : byTrace.values()) {
            SpanData client = trace.stream()
                    .filter(s -> s.getKind() == SpanKind.CLIENT)
                    .findFirst()
                    .orElseThrow();
            SpanData server = trace.stream()
                    .filter(s -> s.getKind() == SpanKind.SERVER)
                    .findFirst()
                    .orElseThrow();
            assertEquals(client.getSpanId(), server.getParentSpanId(), trace.toString());
            assertEquals(client.getName(), server.getName());
            assertEquals(
                    client.getAttributes().get(SpanNames.STATUS),
                    server.getAttributes().get(SpanNames.STATUS));
            calls.add(client.getName() + " " + client.getAttributes().get(SpanNames.STATUS));
        }
        Collections.sort(calls);
        assertEquals(
                List.of(
                        "example.inventory.Inventory/browse OK",
                        "example.inventory.Inventory/lookup FAILED_PRECONDITION",
                        "example.inventory.Inventory/lookup OK",
                        "example.inventory.Inventory/restock OK",
                        "quicidl.health.v1.Health/check OK"),
                calls);
    }

    private static double count(MeterRegistry registry, String name, String service, String method, String status) {
        Counter counter = registry.find(name)
                .tag(MeterNames.SERVICE, service)
                .tag(MeterNames.METHOD, method)
                .tag(MeterNames.STATUS, status)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static double messages(MeterRegistry registry, String side, String method, String direction) {
        return registry.get("rpc." + side + ".messages." + direction)
                .tag(MeterNames.METHOD, method)
                .counter()
                .count();
    }
}
