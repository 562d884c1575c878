package io.quicidl.benchmarks.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The soak's flatness rule fails a steady climb and passes a level line with one spike. */
class FlatnessTest {
    @Test
    void aHeapThatKeepsGrowingIsNotFlat() {
        List<Flatness.Verdict> verdicts =
                Flatness.judge(series(i -> new ProcessSampler.Sample(i, 30 + i, 10, 200, 40)));
        assertFalse(verdicts.get(0).flat(), verdicts.get(0).line());
        assertTrue(verdicts.get(1).flat()
                && verdicts.get(2).flat()
                && verdicts.get(3).flat());
    }

    @Test
    void aLevelLineWithOneSpikeIsFlat() {
        List<Flatness.Verdict> verdicts = Flatness.judge(
                series(i -> new ProcessSampler.Sample(i, i == 50 ? 80 : 30, 10, 200, i == 55 ? 60 : 40)));
        verdicts.forEach(v -> assertTrue(v.flat(), v.line()));
    }

    @Test
    void tooFewSamplesAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Flatness.judge(series(i -> null).subList(0, 2)));
    }

    private static List<ProcessSampler.Sample> series(IntFunction<ProcessSampler.Sample> at) {
        List<ProcessSampler.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            samples.add(at.apply(i));
        }
        return samples;
    }
}
