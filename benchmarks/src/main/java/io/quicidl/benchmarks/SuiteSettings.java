package io.quicidl.benchmarks;

/** How big a run is: the full suite, or {@code --quick}, which only proves that every measure works. */
public record SuiteSettings(boolean quick) {
    /** {@code full} in a full run, {@code quick} in a quick one. */
    public int pick(int full, int quickValue) {
        return quick ? quickValue : full;
    }

    /** {@code full} in a full run, {@code quick} in a quick one. */
    public long pick(long full, long quickValue) {
        return quick ? quickValue : full;
    }
}
