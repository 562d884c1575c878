package io.quicidl.benchmarks.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What "flat after warm-up" means for a soak's samples: the run is cut in thirds; the first is
 * warm-up (JIT, pools and caches filling) and ignored; a series is flat when the last third's
 * median is at most the second third's median plus {@code relative} of it plus {@code absolute}.
 * A leak grows without bound, so its last third climbs above its second; noise stays within the
 * allowance. Medians, not maxima: one sample taken while a collection raced the sampler (heap) or
 * the allocator had not yet returned memory (RSS) must not decide; a leak moves the median.
 */
record Flatness(String name, ToDoubleFunction<ProcessSampler.Sample> value, double relative, double absolute) {
    /** The series every soak checks, with the allowance each gets. */
    static final List<Flatness> SERIES = List.of(
            new Flatness("heap after GC (MiB)", ProcessSampler.Sample::heapAfterGcMib, 0.10, 4),
            new Flatness("direct memory (MiB)", ProcessSampler.Sample::directMib, 0.10, 4),
            new Flatness("RSS (MiB)", ProcessSampler.Sample::rssMib, 0.15, 32),
            new Flatness("threads", ProcessSampler.Sample::threads, 0.10, 2));

    /** One series' verdict and the figures behind it. */
    record Verdict(Flatness series, double secondThirdMedian, double lastThirdMedian, double peak) {
        boolean flat() {
            return lastThirdMedian <= secondThirdMedian * (1 + series.relative) + series.absolute;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.1f | %s |",
                    series.name,
                    secondThirdMedian,
                    lastThirdMedian,
                    peak,
                    flat()
                            ? "flat"
                            : "GREW (allowed " + Math.round(series.relative * 100) + "% + " + series.absolute + ")");
        }
    }

    /** Judges every series of {@code samples}; needs at least three samples. */
    static List<Verdict> judge(List<ProcessSampler.Sample> samples) {
        if (samples.size() < 3) {
            throw new IllegalArgumentException("a soak needs at least 3 samples to judge, got " + samples.size());
        }
        int third = samples.size() / 3;
        List<Verdict> verdicts = new ArrayList<>();
        for (Flatness series : SERIES) {
            verdicts.add(new Verdict(
                    series,
                    median(samples.subList(third, 2 * third), series.value),
                    median(samples.subList(2 * third, samples.size()), series.value),
                    max(samples, series.value)));
        }
        return verdicts;
    }

    private static double median(List<ProcessSampler.Sample> samples, ToDoubleFunction<ProcessSampler.Sample> value) {
        double[] sorted = samples.stream().mapToDouble(value).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double max(List<ProcessSampler.Sample> samples, ToDoubleFunction<ProcessSampler.Sample> value) {
        return samples.stream().mapToDouble(value).max().orElseThrow();
    }
}
