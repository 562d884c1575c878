package io.quicidl.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The box's 1-minute load average before and after a run (from {@code /proc/loadavg}; {@code NaN}
 * where there is none) and whether it makes the run noisy.
 *
 * <p>The rule, and why: before the run nothing of the suite's runs yet, so a load above
 * {@value #OTHERS_PER_CPU} per CPU means other work shared the box in the minute before (0.6 on 2
 * cores). After the run the average includes the suite itself: while a measure runs it keeps about
 * {@value #SUITE_OWN_LOAD} threads runnable (a client and a server event loop, or an application
 * thread and an event loop, each busy most of the time; GC and JIT threads only briefly), so the
 * run is noisy when the load after exceeds that plus the same allowance for others (2.6 on 2
 * cores). A one-minute quick run leaves the average below its steady state, which only makes the
 * after-check more lenient.
 */
public record BoxLoad(double before, double after, int cpus) {
    static final double OTHERS_PER_CPU = 0.3;
    static final double SUITE_OWN_LOAD = 2.0;
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    /** The 1-minute load average now, or {@code NaN} where {@code /proc/loadavg} cannot be read. */
    public static double now() {
        try {
            return Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Highest load before the run that still counts as quiet. */
    public double beforeLimit() {
        return OTHERS_PER_CPU * cpus;
    }

    /** Highest load after the run that still counts as quiet. */
    public double afterLimit() {
        return SUITE_OWN_LOAD + OTHERS_PER_CPU * cpus;
    }

    /** Whether either reading was over its limit; an unknown load is not called noisy (the verdict says it is unknown). */
    public boolean noisy() {
        return before > beforeLimit() || after > afterLimit();
    }

    /** One line for the top of the report and the console. */
    public String verdict() {
        String readings = String.format(
                Locale.ROOT,
                "1-minute load average %.2f before (quiet up to %.2f), %.2f after (quiet up to %.2f), %d CPUs",
                before,
                beforeLimit(),
                after,
                afterLimit(),
                cpus);
        if (Double.isNaN(before) || Double.isNaN(after)) {
            return "LOAD UNKNOWN: /proc/loadavg could not be read; nothing says whether the box was quiet.";
        }
        return noisy()
                ? "NOISY: the box was busy (" + readings + "); these figures, absolute and relative, are not evidence."
                : "Quiet box: " + readings + ".";
    }
}
