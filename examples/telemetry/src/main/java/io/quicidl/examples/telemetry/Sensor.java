package io.quicidl.examples.telemetry;

import com.google.protobuf.ByteString;
import io.quicidl.runtime.RealtimeSink;
import java.util.Map;

/** A fast sensor: takes readings as quickly as it can send them, each with a snapshot attached. */
final class Sensor {
    private final TelemetryClient telemetry;
    private final ByteString snapshot;

    Sensor(TelemetryClient telemetry, int snapshotBytes) {
        this.telemetry = telemetry;
        this.snapshot = ByteString.copyFrom(new byte[snapshotBytes]);
    }

    /** Sends {@code count} readings, numbered from 0, then ends the feed. */
    void send(int count) {
        RealtimeSink<Reading> feed = telemetry.readings();
        for (int sequence = 0; sequence < count; sequence++) {
            feed.send(Reading.newBuilder()
                    .sequence(sequence)
                    .takenAtNanos(System.nanoTime())
                    .values(Map.of("temperature_c", 20 + Math.sin(sequence / 10.0), "pressure_hpa", 1013.25))
                    .snapshot(snapshot)
                    .build());
        }
        feed.complete();
    }
}
