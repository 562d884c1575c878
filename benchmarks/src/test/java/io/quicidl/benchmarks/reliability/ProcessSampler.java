package io.quicidl.benchmarks.reliability;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples this JVM once a second while a soak runs: heap in use right after a full collection
 * (what the program holds, not its garbage), direct memory (the JDK's direct buffers plus those
 * Netty allocates without a cleaner), the resident set size from {@code /proc/self/status} (which
 * also sees native memory such as the QUIC library's) and the live platform threads.
 */
final class ProcessSampler implements AutoCloseable {
    private static final double MIB = 1 << 20;

    /** One sample; memory in MiB. */
    record Sample(double seconds, double heapAfterGcMib, double directMib, double rssMib, int threads) {}

    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "soak-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final long start = System.nanoTime();

    ProcessSampler() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** The samples so far, oldest first. */
    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Stops sampling; a sample being taken finishes first. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        System.gc();
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        direct += Math.max(0, PlatformDependent.usedDirectMemory()); // -1 when Netty does not count its own.
        Sample sample = new Sample(
                (System.nanoTime() - start) / 1e9,
                heap,
                direct / MIB,
                residentMib(),
                ManagementFactory.getThreadMXBean().getThreadCount());
        synchronized (this) {
            samples.add(sample);
        }
    }

    /** VmRSS of this process in MiB (Linux, where the benchmarks run). */
    private static double residentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status for the resident set size", e);
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line");
    }
}
