package io.quicidl.benchmarks.charts;

/**
 * Where a measure hands the series its charts draw. A measure only says what it saw; the suite
 * decides whether and where the PNGs are written. Called from the measure's thread.
 */
public interface ChartSink {
    /** Adds {@code series} as one more line of the chart {@code chart}. */
    void add(ChartSpec chart, ChartSeries series);

    /** A sink that drops everything: for runs without a report (a child JVM, a measure run alone). */
    static ChartSink none() {
        return (chart, series) -> {};
    }
}
