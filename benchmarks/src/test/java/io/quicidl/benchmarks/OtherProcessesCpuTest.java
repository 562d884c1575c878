package io.quicidl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class OtherProcessesCpuTest {
    @Test
    void readsTheFieldsAfterACommandNameWithSpacesAndParentheses() {
        String line = "4242 (a (b) c) S 17 4242 4242 0 -1 4194304 100 0 0 0 250 30 7 9 20 0 12 0 98765 1 2";
        OtherProcessesCpu.ProcessTicks ticks = OtherProcessesCpu.ProcessTicks.parse(line);
        assertEquals(17, ticks.parentPid());
        assertEquals(280, ticks.used(), "utime + stime, not the children's");
        assertEquals(98765, ticks.startedAt());
    }

    /** A busy process outside this JVM's tree (its parent shell exits, so it is re-parented) is counted. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void countsABusyProcessThatIsNotOurs() throws Exception {
        Path pidFile = Files.createTempFile("busy", ".pid");
        try (OtherProcessesCpu others = OtherProcessesCpu.start()) {
            assertNotNull(others, "/proc is readable on Linux");
            Process shell = new ProcessBuilder(
                            "sh", "-c", "(while :; do :; done) >/dev/null 2>&1 & echo $! > " + pidFile)
                    .start();
            assertTrue(shell.waitFor(30, TimeUnit.SECONDS));
            long busyPid = Long.parseLong(Files.readString(pidFile).trim());
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (others.seconds() < 0.5 && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                assertTrue(others.seconds() >= 0.5, "counted " + others.seconds() + " CPU-seconds of others");
            } finally {
                ProcessHandle.of(busyPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } finally {
            Files.deleteIfExists(pidFile);
        }
    }
}
