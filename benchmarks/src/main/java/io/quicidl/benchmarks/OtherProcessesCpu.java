package io.quicidl.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * CPU time that processes other than this JVM and its children used while a run lasted: the
 * direct evidence of whether the box was shared, where the load average also counts the suite.
 *
 * <p>A daemon thread reads {@code /proc/[pid]/stat} of every process twice a second and adds up
 * what each outside process used since the last look (or since it started, if it started during
 * the run). Kernel threads are left out: the ones that work for the run (softirq processing of
 * its UDP packets) are the run's own cost. A process that starts and ends between two looks is
 * missed; one that ends is missed for at most its last half second.
 */
final class OtherProcessesCpu implements AutoCloseable {
    /** Clock ticks per second in {@code /proc}: USER_HZ, fixed at 100 by the Linux ABI. */
    private static final double TICKS_PER_SECOND = 100;

    private static final long LOOK_EVERY_MILLIS = 500;
    private static final Path PROC = Path.of("/proc");

    private final long ownPid = ProcessHandle.current().pid();
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private final long runStartTicks;
    private final Thread sampler;
    private long othersTicks;
    private volatile boolean stopped;

    private OtherProcessesCpu(long runStartTicks) {
        this.runStartTicks = runStartTicks;
        this.sampler = new Thread(this::sampleUntilStopped, "other-processes-cpu");
        sampler.setDaemon(true);
    }

    /** Starts counting now; {@code null} where {@code /proc} cannot be read. */
    static OtherProcessesCpu start() {
        long now = ticksSinceBoot();
        if (now < 0) {
            return null;
        }
        OtherProcessesCpu counter = new OtherProcessesCpu(now);
        counter.look(true);
        counter.sampler.start();
        return counter;
    }

    /** CPU seconds used by other processes since {@link #start()}, as of the last look. */
    synchronized double seconds() {
        return othersTicks / TICKS_PER_SECOND;
    }

    /** Takes a last look and stops; {@link #seconds()} stays readable. */
    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        look(false);
    }

    private void sampleUntilStopped() {
        while (!stopped) {
            try {
                Thread.sleep(LOOK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            look(false);
        }
    }

    /** One pass over {@code /proc}; the first only records where every process stands. */
    private synchronized void look(boolean first) {
        // Asked anew each time: a process that leaves the tree (re-parented) is someone else's from then on.
        Set<Long> own = new HashSet<>();
        ProcessHandle.current().descendants().forEach(child -> own.add(child.pid()));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid == ownPid || own.contains(pid)) {
                    continue;
                }
                ProcessTicks ticks = ProcessTicks.read(entry.resolve("stat"));
                if (ticks == null || ticks.kernelThread()) {
                    continue;
                }
                Long last = lastTicks.put(pid, ticks.used());
                if (first) {
                    continue;
                }
                if (last != null) {
                    othersTicks += Math.max(0, ticks.used() - last);
                } else if (ticks.startedAt() >= runStartTicks) {
                    othersTicks += ticks.used(); // started during the run: all of it is the run's
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc vanished or changed shape: the count stays what it was; the report says how much.
        }
    }

    /** Clock ticks since boot, from {@code /proc/uptime}; -1 where it cannot be read. */
    private static long ticksSinceBoot() {
        try {
            String uptime = Files.readString(PROC.resolve("uptime")).trim().split("\\s+")[0];
            return Math.round(Double.parseDouble(uptime) * TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The fields of one {@code /proc/[pid]/stat} line this count needs. */
    record ProcessTicks(long parentPid, long used, long startedAt) {
        private static final long KERNEL_THREAD_DAEMON = 2;

        /** Parsed from the text after the command name, which may hold spaces and parentheses; null if gone. */
        static ProcessTicks read(Path stat) {
            String line;
            try {
                line = Files.readString(stat);
            } catch (IOException e) {
                return null; // ended since the directory was listed
            }
            return parse(line);
        }

        static ProcessTicks parse(String line) {
            // Fields after "pid (comm) ": state ppid ... utime(14) stime(15) ... starttime(22), 1-based.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            long parent = Long.parseLong(fields[1]);
            long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long started = Long.parseLong(fields[19]);
            return new ProcessTicks(parent, used, started);
        }

        boolean kernelThread() {
            return parentPid == KERNEL_THREAD_DAEMON;
        }
    }
}
