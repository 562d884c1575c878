package io.quicidl.benchmarks.charts;

import java.util.Arrays;

/** One named line of a chart: points {@code (x[i], y[i])}, e.g. one system or one delivery. */
public record ChartSeries(String name, double[] x, double[] y) {
    public ChartSeries {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    public int size() {
        return x.length;
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(x) + " " + Arrays.toString(y);
    }
}
