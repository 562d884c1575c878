package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.charts.ChartSeries;
import io.quicidl.benchmarks.charts.ChartSpec;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency distribution as a chart line: x = 1/(1−p) on a log axis, so that p50, p90, p99 and
 * p99.9 get equal room (the tail is where systems differ), y = the latency at percentile p.
 */
final class PercentileCurve {
    /** Measure 1's chart: every system's distribution on one chart. */
    static final ChartSpec UNARY_LATENCY = new ChartSpec(
            "m1-latency",
            "Measure 1: unary call latency, 1 in flight, 64 B (all rounds)",
            "1/(1-p), log scale: 2 = p50, 10 = p90, 100 = p99, 1000 = p99.9",
            "latency (µs, log scale)",
            true,
            true);

    private PercentileCurve() {}

    /** The curve of {@code nanos} (values in ns) in µs; stops below the 100th percentile, which has no x. */
    static ChartSeries micros(String name, Histogram nanos) {
        List<double[]> points = new ArrayList<>();
        // 10 steps per halving of the distance to 100%: smooth down to p99.99 and beyond.
        for (HistogramIterationValue value : nanos.percentiles(10)) {
            double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 100.0) {
                break;
            }
            points.add(new double[] {100.0 / (100.0 - percentile), value.getValueIteratedTo() / 1_000.0});
        }
        return new ChartSeries(
                name,
                points.stream().mapToDouble(point -> point[0]).toArray(),
                points.stream().mapToDouble(point -> point[1]).toArray());
    }
}
