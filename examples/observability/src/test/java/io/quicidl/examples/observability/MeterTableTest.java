package io.quicidl.examples.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The table layout, on meters with known values. */
class MeterTableTest {
    @Test
    void callMetersComeFirstWithTheSideAsAColumnAndAGapWhereAMeterIsMissing() {
        MeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger connections = new AtomicInteger(2);
        Gauge.builder("quicidl.server.connections", connections, AtomicInteger::get)
                .register(registry);
        Gauge.builder("quic.connection.rtt", () -> 0.0125)
                .baseUnit("seconds")
                .tags("quic.side", "client", "quic.connection", "7")
                .register(registry);
        String[] ok = {"rpc.system", "quicidl", "rpc.method", "get", "rpc.quicidl.status", "OK"};
        Counter.builder("rpc.server.calls").tags(ok).register(registry).increment(3);
        Counter.builder("rpc.client.calls").tags(ok).register(registry).increment(2);
        Counter.builder("rpc.client.calls.refused")
                .tags("rpc.system", "quicidl", "rpc.method", "get", "rpc.quicidl.status", "UNAVAILABLE")
                .register(registry)
                .increment();
        Timer.builder("rpc.client.duration").tags(ok).register(registry).record(Duration.ofMillis(4));

        assertEquals(
                String.join(
                        "\n",
                        "rpc.{client,server}.<meter>  by rpc.method, rpc.quicidl.status (and rpc.system=quicidl)",
                        "  side    method  status       calls  calls.refused  duration",
                        "  client  get     OK           2      -              mean 4.00 ms, max 4.00 ms",
                        "  client  get     UNAVAILABLE  -      1              -",
                        "  server  get     OK           3      -              -",
                        "",
                        "quic.connection.<meter>  by quic.side, quic.connection",
                        "  side    connection  rtt",
                        "  client  7           12.500 ms",
                        "",
                        "quicidl.server.<meter>",
                        "  connections",
                        "  2"),
                MeterTable.render(registry));
    }
}
