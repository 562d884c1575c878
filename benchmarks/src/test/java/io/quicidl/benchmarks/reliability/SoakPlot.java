package io.quicidl.benchmarks.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Draws a soak's series as one PNG of four charts, so a reader sees the lines rather than trusts a sentence. */
final class SoakPlot {
    private SoakPlot() {}

    /** Writes {@code file} (a .png path) with one chart per {@link Flatness#SERIES} over time. */
    static void write(List<ProcessSampler.Sample> samples, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true"); // Before XChart touches AWT: no display on CI.
        double[] seconds =
                samples.stream().mapToDouble(ProcessSampler.Sample::seconds).toArray();
        List<XYChart> charts = new ArrayList<>();
        for (Flatness series : Flatness.SERIES) {
            XYChart chart = new XYChartBuilder()
                    .width(700)
                    .height(360)
                    .title(title + ": " + series.name())
                    .xAxisTitle("seconds")
                    .yAxisTitle(series.name())
                    .build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setMarkerSize(0);
            chart.getStyler().setYAxisMin(0.0); // From zero: a flat line must look flat, not zoomed noise.
            chart.addSeries(
                    series.name(),
                    seconds,
                    samples.stream().mapToDouble(series.value()).toArray());
            charts.add(chart);
        }
        String name = file.toString();
        String withoutExtension = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(charts, 2, 2, withoutExtension, BitmapEncoder.BitmapFormat.PNG);
    }
}
