package io.quicidl.benchmarks.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.benchmarks.charts.ChartBook;
import io.quicidl.benchmarks.charts.ChartSeries;
import io.quicidl.benchmarks.charts.ChartWriter;
import io.quicidl.benchmarks.quicidl.Frame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts of measures 1, 5 and 6, drawn from synthetic series, are PNG files of the stated size. */
class MeasureChartsTest {
    @TempDir
    Path folder;

    @Test
    void measure1DrawsEverySystemsLatencyDistribution() throws IOException {
        ChartBook book = new ChartBook();
        Random random = new Random(1);
        for (String system : List.of("quicidl", "raw Netty QUIC", "gRPC-java")) {
            Histogram nanos = new Histogram(3);
            for (int i = 0; i < 10_000; i++) {
                nanos.recordValue(100_000 + (long) (50_000 * -Math.log(1 - random.nextDouble())));
            }
            ChartSeries curve = PercentileCurve.micros(system, nanos);
            assertTrue(curve.size() > 20, "points of the curve: " + curve.size());
            // x = 1/(1-p) grows from 1 (p0) and y, in µs, never falls.
            assertEquals(1.0, curve.x()[0], 1e-9);
            for (int i = 1; i < curve.size(); i++) {
                assertTrue(curve.x()[i] > curve.x()[i - 1], "x at " + i);
                assertTrue(curve.y()[i] >= curve.y()[i - 1], "y at " + i);
            }
            assertTrue(curve.y()[0] >= 99 && curve.y()[0] < 110, "p0 in µs: " + curve.y()[0]);
            book.add(PercentileCurve.UNARY_LATENCY, curve);
        }
        assertDecodes(draw(book, "m1-latency"));
    }

    @Test
    void measure5DrawsBothPatternsOnOneChartPerScenario() throws IOException {
        for (HeadOfLineBlocking.Scenario scenario : HeadOfLineBlocking.SCENARIOS) {
            ChartBook book = new ChartBook();
            int n = scenario.responses();
            double[] count = new double[n];
            double[] unordered = new double[n];
            double[] streaming = new double[n];
            for (int i = 0; i < n; i++) {
                count[i] = i + 1;
                unordered[i] = 40 + 2.0 * i;
                streaming[i] = 40 + 2.0 * i + (i > n / 3 ? 40 : 0); // A hole holds back everything behind it.
            }
            book.add(HeadOfLineBlocking.chart(scenario), new ChartSeries("@unordered", count, unordered));
            book.add(HeadOfLineBlocking.chart(scenario), new ChartSeries("@server_streaming", count, streaming));
            assertEquals(1, book.charts().size(), "both patterns on one chart");
            String key = HeadOfLineBlocking.chart(scenario).key();
            assertTrue(key.matches("m5-[a-z0-9-]+[a-z0-9]"), key);
            assertDecodes(draw(book, key));
        }
    }

    @Test
    void measure6DrawsEachDeliverysFrameAgeOverTime() throws IOException {
        ChartBook book = new ChartBook();
        for (String delivery : List.of("@realtime", "@duplex", "datagram")) {
            // The recorder's own line: a feed started at t = 1 s (in ns), a frame delivered every 2 ms.
            long start = 1_000_000_000L;
            RealtimeFreshness.FeedRecorder recorder =
                    new RealtimeFreshness.FeedRecorder(start, start + 500_000_000L, start + 2_000_000_000L);
            for (int i = 0; i < 1_000; i++) {
                long sent = start + i * 2_000_000L;
                recorder.delivered(
                        Frame.newBuilder().sequence(i).sentNanos(sent).build(), sent + 5_000_000L + i * 10_000L);
            }
            ChartSeries ages = recorder.result(1_000, 1_000).ages(delivery);
            assertEquals(1_000, ages.size());
            assertEquals(0.005, ages.x()[0], 1e-9); // seconds since the feed started
            assertEquals(5.0, ages.y()[0], 1e-9); // ms
            assertEquals(14.99, ages.y()[999], 1e-9);
            book.add(RealtimeFreshness.AGE_CHART, ages);
        }
        assertEquals(3, book.charts().get(0).series().size(), "a new delivery is one more line");
        assertDecodes(draw(book, "m6-frame-age"));
    }

    private Path draw(ChartBook book, String key) throws IOException {
        List<ChartWriter.ChartFile> files = ChartWriter.writeAll(book.charts(), folder, "report");
        assertEquals(
                List.of("report-" + key + ".png"),
                files.stream().map(ChartWriter.ChartFile::fileName).toList());
        return folder.resolve(files.get(0).fileName());
    }

    private static void assertDecodes(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " exists");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " decodes as an image");
        assertEquals(ChartWriter.WIDTH, image.getWidth());
        assertEquals(ChartWriter.HEIGHT, image.getHeight());
    }
}
