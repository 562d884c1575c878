package io.quicidl.benchmarks.charts;

/**
 * What one chart of the report shows: its file name's suffix ({@code key}, e.g. {@code m1-latency}:
 * the file is {@code <report-name>-<key>.png}), its title and its axes with their units. Series of
 * the same key land on the same chart. Ticks are XChart's own numbers: its custom tick formatter
 * on a logarithmic axis computed ticks without end (a hang seen on measure 1's chart).
 */
public record ChartSpec(
        String key, String title, String xAxis, String yAxis, boolean xLogarithmic, boolean yLogarithmic) {
    public ChartSpec {
        if (!key.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "chart key '" + key + "' must be lower-case letters, digits and dashes (it names a file)");
        }
    }

    /** A chart with linear axes. */
    public static ChartSpec linear(String key, String title, String xAxis, String yAxis) {
        return new ChartSpec(key, title, xAxis, yAxis, false, false);
    }
}
