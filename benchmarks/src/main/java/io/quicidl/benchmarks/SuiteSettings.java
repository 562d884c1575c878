package io.quicidl.benchmarks;

import io.quicidl.benchmarks.charts.ChartSink;

/**
 * How big a run is: the full suite, or {@code --quick}, which only proves that every measure works;
 * and where a measure hands the series of its charts ({@link ChartSink#none()} when no report is
 * written).
 */
public record SuiteSettings(boolean quick, ChartSink charts) {
    /** A run whose charts go nowhere. */
    public SuiteSettings(boolean quick) {
        this(quick, ChartSink.none());
    }

    /** {@code full} in a full run, {@code quick} in a quick one. */
    public int pick(int full, int quickValue) {
        return quick ? quickValue : full;
    }

    /** {@code full} in a full run, {@code quick} in a quick one. */
    public long pick(long full, long quickValue) {
        return quick ? quickValue : full;
    }
}
