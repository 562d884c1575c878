package io.quicidl.benchmarks.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.benchmarks.quicidl.Frame;
import org.junit.jupiter.api.Test;

class FeedRecorderTest {
    private static Frame frame(long sequence, long sentNanos) {
        return Frame.newBuilder().sequence(sequence).sentNanos(sentNanos).build();
    }

    @Test
    void stalenessIsTheTimeAverageOfTheNewestFramesAgeOverTheSteadyState() {
        // Steady state from t=1,000 ns to t=11,000 ns.
        RealtimeFreshness.FeedRecorder recorder = new RealtimeFreshness.FeedRecorder(1_000, 11_000);
        recorder.delivered(frame(0, 0), 500); // Before the steady state: held, but its age is not recorded.
        recorder.delivered(frame(1, 4_000), 5_000);
        RealtimeFreshness.FeedRecorder.Result result = recorder.result(2, 2);
        // Frame 0 is the newest from 1,000 to 5,000 (age 1,000 -> 5,000), frame 1 from 5,000 to 11,000
        // (age 1,000 -> 7,000): (12e6 + 24e6) ns² over 10,000 ns = 3,600 ns.
        assertEquals(0.0036, result.meanStalenessMillis(), 1e-9);
        assertEquals(0.001, result.medianMillis(), 1e-9);
        assertEquals(1.0, result.deliveredFraction());
        assertEquals(0.001, result.lastAgeMillis(), 1e-9);
    }

    @Test
    void anOlderFrameArrivingLateDoesNotMakeTheHeldFrameOlder() {
        RealtimeFreshness.FeedRecorder recorder = new RealtimeFreshness.FeedRecorder(0, 10_000);
        recorder.delivered(frame(5, 0), 0);
        recorder.delivered(frame(3, 0), 2_000); // Older than the one held: counted as delivered, not as newest.
        RealtimeFreshness.FeedRecorder.Result result = recorder.result(10, 2);
        assertEquals(0.005, result.meanStalenessMillis(), 1e-9); // Age 0 -> 10,000 throughout.
        assertEquals(0.2, result.deliveredFraction(), 1e-9);
        assertEquals(0.0, result.lastAgeMillis(), 1e-9);
    }
}
