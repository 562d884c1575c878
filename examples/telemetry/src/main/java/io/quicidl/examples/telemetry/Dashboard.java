package io.quicidl.examples.telemetry;

import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A dashboard that is slower than its sensor: drawing one reading takes {@code drawTime}. It
 * never falls behind, because the {@code @realtime} call hands it only readings newer than the
 * last one it drew and drops the ones that went stale meanwhile. What it drew, and how old each
 * reading was on arrival, is kept for the caller.
 */
final class Dashboard implements TelemetryServer {
    /** One reading the dashboard drew. */
    record Drawn(long sequence, Duration age) {}

    private final Duration drawTime;
    private final CompletableFuture<List<Drawn>> feedEnded = new CompletableFuture<>();

    Dashboard(Duration drawTime) {
        this.drawTime = drawTime;
    }

    @Override
    public void readings(RequestStream<Reading> readings, ServerCallContext context) {
        List<Drawn> drawn = new ArrayList<>();
        for (Reading reading : readings) {
            drawn.add(new Drawn(reading.sequence(), Duration.ofNanos(System.nanoTime() - reading.takenAtNanos())));
            draw();
        }
        feedEnded.complete(drawn);
    }

    /** The readings drawn during the feed, once the sensor ended it. */
    CompletableFuture<List<Drawn>> feedEnded() {
        return feedEnded;
    }

    private void draw() {
        try {
            Thread.sleep(drawTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException(StatusCode.CANCELLED, "the dashboard is closing");
        }
    }
}
