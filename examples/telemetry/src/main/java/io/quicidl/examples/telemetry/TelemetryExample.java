package io.quicidl.examples.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sensor sends 100 readings as fast as it can to a dashboard that needs 30 ms to draw each one;
 * prints which readings the dashboard drew and how old they were when they arrived.
 */
public final class TelemetryExample {
    private static final int READINGS = 100;
    private static final int SNAPSHOT_BYTES = 32 * 1024;

    private TelemetryExample() {}

    public static void main(String[] args) throws InterruptedException, ExecutionException, TimeoutException {
        Dashboard dashboard = new Dashboard(Duration.ofMillis(30));
        List<Dashboard.Drawn> drawn;
        try (LocalTelemetry local = new LocalTelemetry(dashboard)) {
            local.sensor(SNAPSHOT_BYTES).send(READINGS);
            drawn = dashboard.feedEnded().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("sent %d readings; the dashboard drew %d of them:%n", READINGS, drawn.size());
        for (Dashboard.Drawn reading : drawn) {
            System.out.printf(
                    "  #%-3d %6.1f ms old on arrival%n",
                    reading.sequence(), reading.age().toNanos() / 1e6);
        }
        boolean newestLast = !drawn.isEmpty() && drawn.get(drawn.size() - 1).sequence() == READINGS - 1;
        System.out.println(newestLast ? "the newest reading was drawn last" : "THE NEWEST READING WAS NOT DRAWN");
    }
}
