package io.quicidl.benchmarks.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the series of one suite run by chart, in the order the measures added them. */
public final class ChartBook implements ChartSink {
    /** One chart and its lines. */
    public record Chart(ChartSpec spec, List<ChartSeries> series) {}

    private final Map<String, Chart> charts = new LinkedHashMap<>();

    @Override
    public synchronized void add(ChartSpec chart, ChartSeries series) {
        Chart existing = charts.computeIfAbsent(chart.key(), key -> new Chart(chart, new ArrayList<>()));
        // Specs compare by what a reader sees: a tick-label function has no useful equality.
        if (!existing.spec().title().equals(chart.title())) {
            throw new IllegalArgumentException("two different charts share the key '" + chart.key() + "': "
                    + existing.spec().title() + " and " + chart.title());
        }
        existing.series().add(series);
    }

    /** Every chart with at least one series, in the order first added. */
    public synchronized List<Chart> charts() {
        return charts.values().stream()
                .map(chart -> new Chart(chart.spec(), List.copyOf(chart.series())))
                .toList();
    }
}
