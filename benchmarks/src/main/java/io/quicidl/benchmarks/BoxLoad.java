package io.quicidl.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether the box was shared during a run: the 1-minute load average before and after it (from
 * {@code /proc/loadavg}; {@code NaN} where there is none) and the CPU time other processes used
 * while it ran ({@link OtherProcessesCpu}; {@code NaN} where it could not be counted).
 *
 * <p>The rule, and why: before the run nothing of the suite's runs yet, so a load above
 * {@value #OTHERS_PER_CPU} per CPU means other work shared the box in the minute before (0.6 on 2
 * cores). During the run the load average counts the suite's own threads (two busy event loops
 * make about 2), so it cannot tell a quiet box from a shared one; the run is noisy when other
 * processes used more than {@value #OTHERS_SHARE_LIMIT} of the box's CPU time over its length
 * (6 CPU-seconds of a 60-second run on 2 cores). The load after is reported, not judged.
 */
public record BoxLoad(double before, double after, int cpus, double othersCpuSeconds, double runSeconds) {
    static final double OTHERS_PER_CPU = 0.3;
    static final double OTHERS_SHARE_LIMIT = 0.05;
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

    /** The share of the box's CPU time other processes used during the run; {@code NaN} if unknown. */
    public double othersShare() {
        return othersCpuSeconds / (runSeconds * cpus);
    }

    /** Whether the box was busy before the run or shared during it; an unknown reading is not called noisy (the verdict says it is unknown). */
    public boolean noisy() {
        return before > beforeLimit() || othersShare() > OTHERS_SHARE_LIMIT;
    }

    /** One line for the top of the report and the console. */
    public String verdict() {
        String readings = String.format(
                Locale.ROOT,
                "1-minute load average %.2f before (quiet up to %.2f), %.2f after; other processes used %.1f"
                        + " CPU-seconds in %.0f s, %.1f%% of the box (quiet up to %.0f%%); %d CPUs",
                before,
                beforeLimit(),
                after,
                othersCpuSeconds,
                runSeconds,
                100 * othersShare(),
                100 * OTHERS_SHARE_LIMIT,
                cpus);
        if (Double.isNaN(before) || Double.isNaN(othersCpuSeconds)) {
            return "LOAD UNKNOWN: /proc could not be read; nothing says whether the box was quiet (" + readings + ").";
        }
        return noisy()
                ? "NOISY: the box was busy (" + readings + "); these figures, absolute and relative, are not evidence."
                : "Quiet box: " + readings + ".";
    }
}
