package io.quicidl.benchmarks.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws charts as PNG files with XChart, headless (the suite runs on machines without a display). */
public final class ChartWriter {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 560;

    /** One PNG written: its title and its file name, relative to the report beside it. */
    public record ChartFile(String title, String fileName) {}

    private ChartWriter() {}

    /** The file name of {@code chart} next to the report {@code reportName} (the report's file name without .md). */
    public static String fileName(String reportName, ChartSpec chart) {
        return reportName + "-" + chart.key() + ".png";
    }

    /** The report's name, from its path: {@code results/latest.md} is {@code latest}. */
    public static String reportName(Path report) {
        String name = report.getFileName().toString();
        return name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    }

    /** Writes every chart of {@code charts} into {@code directory}, named after {@code reportName}. */
    public static List<ChartFile> writeAll(List<ChartBook.Chart> charts, Path directory, String reportName)
            throws IOException {
        Files.createDirectories(directory);
        List<ChartFile> files = new ArrayList<>();
        for (ChartBook.Chart chart : charts) {
            String name = fileName(reportName, chart.spec());
            write(chart, directory.resolve(name));
            files.add(new ChartFile(chart.spec().title(), name));
        }
        return files;
    }

    /** Writes {@code chart} as the PNG {@code file} of {@link #WIDTH} × {@link #HEIGHT} pixels. */
    public static void write(ChartBook.Chart chart, Path file) throws IOException {
        // Before XChart touches AWT: no display on CI or on the benchmark box.
        System.setProperty("java.awt.headless", "true");
        ChartSpec spec = chart.spec();
        XYChart xy = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(spec.title())
                .xAxisTitle(spec.xAxis())
                .yAxisTitle(spec.yAxis())
                .build();
        xy.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        xy.getStyler().setXAxisLogarithmic(spec.xLogarithmic());
        xy.getStyler().setYAxisLogarithmic(spec.yLogarithmic());
        xy.getStyler().setPlotGridLinesVisible(true);
        for (ChartSeries series : chart.series()) {
            if (series.size() == 0) {
                continue; // XChart refuses an empty series; the legend would promise a line that is not there.
            }
            XYSeries line = xy.addSeries(series.name(), series.x(), series.y());
            line.setMarker(SeriesMarkers.NONE);
        }
        String path = file.toString();
        if (!path.endsWith(".png")) {
            throw new IllegalArgumentException("a chart file must end in .png: " + file);
        }
        // XChart appends the extension itself.
        BitmapEncoder.saveBitmap(xy, path.substring(0, path.length() - 4), BitmapEncoder.BitmapFormat.PNG);
    }
}
