package io.quicidl.examples.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A meter registry as text tables, one per family of meters with the same tags: a row per tag
 * combination, a column per meter. {@code rpc.client.*} and {@code rpc.server.*} share tables,
 * with the side as the first column. {@code rpc.system} (always {@code quicidl}) is left out.
 */
final class MeterTable {
    /** Tag keys in the order their columns appear; other keys follow, alphabetically. */
    private static final List<String> TAG_ORDER = List.of(
            "quic.side", "quic.connection", "rpc.service", "rpc.method", "rpc.quicidl.pattern", "rpc.quicidl.status");

    private static final String SYSTEM_TAG = "rpc.system";
    private static final String MISSING = "-";

    private MeterTable() {}

    /** Every meter of {@code registry}, as tables separated by a blank line. */
    static String render(MeterRegistry registry) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Meter meter : registry.getMeters()) {
            Placed placed = place(meter);
            tables.computeIfAbsent(placed.title, t -> new Table(placed.rank, placed.tagKeys))
                    .put(placed.tagValues, placed.column, value(meter));
        }
        // The call meters first, the ones by status before the others; then connections, then the rest.
        List<Map.Entry<String, Table>> ordered = new ArrayList<>(tables.entrySet());
        ordered.sort(Comparator.comparingInt((Map.Entry<String, Table> e) -> e.getValue().rank)
                .thenComparing(e -> -e.getValue().tagKeys.size())
                .thenComparing(Map.Entry::getKey));
        List<String> parts = new ArrayList<>();
        ordered.forEach(e -> parts.add(e.getKey() + "\n" + e.getValue().render()));
        return String.join("\n\n", parts);
    }

    /** Where a meter goes: its table's title and tag columns, its row's tag values, its column. */
    private record Placed(String title, int rank, List<String> tagKeys, List<String> tagValues, String column) {}

    private static Placed place(Meter meter) {
        String name = meter.getId().getName();
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String family;
        String column;
        String note = "";
        if (name.startsWith("rpc.client.") || name.startsWith("rpc.server.")) {
            family = "rpc.{client,server}";
            keys.add("side");
            values.add(name.substring(4, 10));
            column = name.substring(11);
            note = " (and rpc.system=quicidl)";
        } else {
            int second = name.indexOf('.', name.indexOf('.') + 1);
            family = second < 0 ? name : name.substring(0, second);
            column = second < 0 ? name : name.substring(second + 1);
        }
        List<Tag> tags = new ArrayList<>();
        meter.getId().getTagsAsIterable().forEach(tags::add);
        tags.removeIf(tag -> tag.getKey().equals(SYSTEM_TAG));
        tags.sort(Comparator.comparingInt((Tag tag) -> tagRank(tag.getKey())).thenComparing(Tag::getKey));
        List<String> fullKeys = new ArrayList<>();
        for (Tag tag : tags) {
            fullKeys.add(tag.getKey());
            keys.add(shortKey(tag.getKey()));
            values.add(tag.getValue());
        }
        String title = family + ".<meter>" + (fullKeys.isEmpty() ? "" : "  by " + String.join(", ", fullKeys)) + note;
        int rank = family.startsWith("rpc.") ? 0 : family.equals("quic.connection") ? 1 : 2;
        return new Placed(title, rank, keys, values, column);
    }

    private static int tagRank(String key) {
        int rank = TAG_ORDER.indexOf(key);
        return rank < 0 ? TAG_ORDER.size() : rank;
    }

    private static String shortKey(String key) {
        for (String prefix : List.of("rpc.quicidl.", "rpc.", "quic.")) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }

    /** A meter's value in one cell: a count, a gauge's value, a timer's mean and max. */
    static String value(Meter meter) {
        if (meter instanceof Timer timer) {
            return String.format(
                    Locale.ROOT,
                    "mean %.2f ms, max %.2f ms",
                    timer.mean(TimeUnit.MILLISECONDS),
                    timer.max(TimeUnit.MILLISECONDS));
        }
        if (meter instanceof Counter counter) {
            return number(counter.count());
        }
        if (meter instanceof FunctionCounter counter) {
            return number(counter.count());
        }
        if (meter instanceof Gauge gauge) {
            if ("seconds".equals(meter.getId().getBaseUnit())) {
                return String.format(Locale.ROOT, "%.3f ms", gauge.value() * 1e3);
            }
            return number(gauge.value());
        }
        List<String> measures = new ArrayList<>();
        meter.measure()
                .forEach(m ->
                        measures.add(m.getStatistic().name().toLowerCase(Locale.ROOT) + "=" + number(m.getValue())));
        return String.join(" ", measures);
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** One table: tag columns, then a column per meter name; rows sorted by their tag values. */
    private static final class Table {
        private final int rank;
        private final List<String> tagKeys;
        private final Map<List<String>, Map<String, String>> rows =
                new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        private final TreeSet<String> columns = new TreeSet<>();

        Table(int rank, List<String> tagKeys) {
            this.rank = rank;
            this.tagKeys = tagKeys;
        }

        void put(List<String> tagValues, String column, String value) {
            columns.add(column);
            rows.computeIfAbsent(tagValues, r -> new LinkedHashMap<>()).put(column, value);
        }

        String render() {
            List<List<String>> lines = new ArrayList<>();
            List<String> header = new ArrayList<>(tagKeys);
            header.addAll(columns);
            lines.add(header);
            rows.forEach((tagValues, cells) -> {
                List<String> line = new ArrayList<>(tagValues);
                columns.forEach(column -> line.add(cells.getOrDefault(column, MISSING)));
                lines.add(line);
            });
            int[] widths = new int[header.size()];
            for (List<String> line : lines) {
                for (int i = 0; i < line.size(); i++) {
                    widths[i] = Math.max(widths[i], line.get(i).length());
                }
            }
            StringBuilder text = new StringBuilder();
            for (List<String> line : lines) {
                StringBuilder row = new StringBuilder("  ");
                for (int i = 0; i < line.size(); i++) {
                    row.append(String.format("%-" + widths[i] + "s  ", line.get(i)));
                }
                text.append(row.toString().stripTrailing()).append('\n');
            }
            return text.toString().stripTrailing();
        }
    }
}
