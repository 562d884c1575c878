package io.quicidl.benchmarks.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Item 3 of issue #12: many connections carrying mixed concurrent calls of all seven patterns
 * for a while, with no error, no Netty leak report and flat memory and threads after warm-up
 * ({@link Flatness}). Writes its report and a PNG plot of the samples to {@code target/reliability/}.
 * CI runs 20 connections for 45 s; the long form is
 * {@code -Dreliability.soak.seconds=600 -Dreliability.soak.connections=100} (RELIABILITY.md).
 */
class SoakTest {
    private static final int SECONDS = Integer.getInteger("reliability.soak.seconds", 45);
    private static final int CONNECTIONS = Integer.getInteger("reliability.soak.connections", 20);
    private static final int CONCURRENT_CALLS = Integer.getInteger("reliability.soak.concurrency", 16);
    private static final Path REPORTS = Path.of(System.getProperty("reliability.report.dir", "target/reliability"));

    @Test
    void leakReportsAreLiveInThisJvm() throws InterruptedException {
        // Without this, a clean soak could mean a detector that never looked.
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
        assertTrue(LeakReports.installed(), "LeakReports was not auto-registered before Netty's buffers");
        Unpooled.directBuffer(16).writeByte(1); // Dropped on purpose without release().
        List<String> leaks = List.of();
        for (int attempt = 0; attempt < 10 && leaks.isEmpty(); attempt++) {
            leaks = LeakReports.forceAndDrain();
        }
        assertFalse(leaks.isEmpty(), "a buffer dropped without release() was not reported");
    }

    @Test
    void mixedCallsOnManyConnectionsStayErrorFreeLeakFreeAndFlat() throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        List<ProcessSampler.Sample> samples;
        List<String> leaks;
        try (ReliabilityServer server = new ReliabilityServer(false)) {
            List<ReliabilityServer.Connection> connections = new ArrayList<>();
            ExecutorService callers = Executors.newFixedThreadPool(CONCURRENT_CALLS);
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    connections.add(server.connectDirect());
                }
                try (ProcessSampler sampler = new ProcessSampler()) {
                    long end = System.nanoTime() + SECONDS * 1_000_000_000L;
                    List<Future<?>> workers = new ArrayList<>();
                    for (int w = 0; w < CONCURRENT_CALLS; w++) {
                        workers.add(callers.submit(() -> {
                            while (System.nanoTime() < end) {
                                long n = next.getAndIncrement();
                                try {
                                    MixedCalls.run(
                                            connections
                                                    .get((int) (n % CONNECTIONS))
                                                    .stub(),
                                            n);
                                } catch (RuntimeException | AssertionError e) {
                                    if (errors.incrementAndGet() <= 5) {
                                        firstErrors.add("call " + n + ": " + e);
                                    }
                                }
                            }
                        }));
                    }
                    for (Future<?> worker : workers) {
                        worker.get(SECONDS + 300L, TimeUnit.SECONDS); // A hang guard, not a timing claim.
                    }
                    samples = sampler.samples();
                }
                assertEquals(0, server.service().corruptItems(), "corrupt items reached the server");
            } finally {
                callers.shutdownNow();
                connections.forEach(ReliabilityServer.Connection::close);
            }
        }
        leaks = LeakReports.forceAndDrain();
        List<Flatness.Verdict> verdicts = Flatness.judge(samples);
        Path report = writeReport(next.get(), errors.get(), firstErrors, leaks, samples, verdicts);
        System.out.println("Soak report: " + report.toAbsolutePath());

        assertEquals(0, errors.get(), "errors, the first ones: " + firstErrors);
        assertTrue(leaks.isEmpty(), "Netty reported leaks:\n" + String.join("\n", leaks));
        for (Flatness.Verdict verdict : verdicts) {
            assertTrue(verdict.flat(), "not flat after warm-up: " + verdict.line() + " (see " + report + ")");
        }
    }

    private static Path writeReport(
            long calls,
            long errors,
            Iterable<String> firstErrors,
            List<String> leaks,
            List<ProcessSampler.Sample> samples,
            List<Flatness.Verdict> verdicts)
            throws IOException {
        Files.createDirectories(REPORTS);
        String name = String.format(Locale.ROOT, "soak-%dx%ds", CONNECTIONS, SECONDS);
        Path plot = REPORTS.resolve(name + ".png");
        SoakPlot.write(samples, CONNECTIONS + " connections, " + SECONDS + " s", plot);
        StringBuilder text = new StringBuilder();
        text.append("# Soak: ")
                .append(CONNECTIONS)
                .append(" connections, ")
                .append(CONCURRENT_CALLS)
                .append(" calls at once, ")
                .append(SECONDS)
                .append(" s\n\n");
        text.append(String.format(
                Locale.ROOT,
                "- calls: %,d (all seven patterns in turn, %,d each), errors: %d%n",
                calls,
                calls / 7,
                errors));
        firstErrors.forEach(e -> text.append("  - ").append(e).append('\n'));
        text.append("- Netty leak reports (PARANOID): ").append(leaks.size()).append('\n');
        text.append("- samples: ")
                .append(samples.size())
                .append(", one a second; plot: ")
                .append(plot.getFileName());
        text.append(
                "\n\nFlat means: last third's median <= second third's median + the allowance (first third is warm-up).\n\n");
        text.append("| series | 2nd third median | last third median | peak | verdict |\n|---|---|---|---|---|\n");
        verdicts.forEach(v -> text.append(v.line()).append('\n'));
        text.append("\n| s | heap after GC MiB | direct MiB | RSS MiB | threads |\n|---|---|---|---|---|\n");
        for (ProcessSampler.Sample s : samples) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %.0f | %.1f | %.1f | %.1f | %d |%n",
                    s.seconds(),
                    s.heapAfterGcMib(),
                    s.directMib(),
                    s.rssMib(),
                    s.threads()));
        }
        Path report = REPORTS.resolve(name + ".md");
        Files.writeString(report, text);
        return report;
    }
}
