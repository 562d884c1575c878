package io.quicidl.examples.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RealtimeTelemetryTest {

    @Test
    void aSlowDashboardDrawsOnlyFreshReadingsAndTheNewestLast() throws Exception {
        int readings = 60;
        Dashboard dashboard = new Dashboard(Duration.ofMillis(40));
        List<Long> drawn;
        try (LocalTelemetry local = new LocalTelemetry(dashboard)) {
            // Small enough to complete within max_age_ms of its first byte even on a loaded machine:
            // a bigger reading may be stopped as too old on arrival, the newest one included.
            local.sensor(8 * 1024).send(readings);
            drawn = dashboard.feedEnded().get(30, TimeUnit.SECONDS).stream()
                    .map(Dashboard.Drawn::sequence)
                    .toList();
        }

        assertFalse(drawn.isEmpty(), "the dashboard drew nothing");
        assertEquals(readings - 1, drawn.get(drawn.size() - 1), "the newest reading is drawn last: " + drawn);
        for (int i = 1; i < drawn.size(); i++) {
            assertTrue(drawn.get(i) > drawn.get(i - 1), "never an older reading after a newer one: " + drawn);
        }
        assertTrue(drawn.size() < readings, "stale readings are dropped, not queued: " + drawn);
    }

    @Test
    void aDashboardThatKeepsUpDrawsEveryReading() throws Exception {
        Dashboard dashboard = new Dashboard(Duration.ZERO);
        try (LocalTelemetry local = new LocalTelemetry(dashboard)) {
            Sensor sensor = local.sensor(1024);
            sensor.send(1);
            assertEquals(
                    List.of(0L),
                    dashboard.feedEnded().get(10, TimeUnit.SECONDS).stream()
                            .map(Dashboard.Drawn::sequence)
                            .toList());
        }
    }
}
