package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.systems.EchoClient;
import io.quicidl.benchmarks.systems.EchoSystem;
import io.quicidl.benchmarks.systems.Systems;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The child JVM of measure 4: one system's server and client echo {@code bytes} through one
 * duplex stream in this JVM, whose heap limit the parent sets. Prints one result line:
 * {@code result seconds=S heap_peak_bytes=H rss_peak_kib=R}.
 */
public final class DuplexEchoRun {
    static final int CHUNK_BYTES = 64 * 1024;

    private DuplexEchoRun() {}

    public static void main(String[] args) throws Exception {
        EchoSystem system = Systems.byId(args[0]);
        long bytes = Long.parseLong(args[1]);
        long started;
        long echoed;
        try (EchoSystem.Endpoint endpoint = system.start();
                EchoClient client = endpoint.connect()) {
            started = System.nanoTime();
            echoed = client.duplexEcho(bytes, CHUNK_BYTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (echoed < bytes) {
            throw new IllegalStateException(system.name() + " echoed " + echoed + " of " + bytes + " bytes");
        }
        System.out.printf(
                Locale.ROOT,
                "result seconds=%.3f heap_peak_bytes=%d rss_peak_kib=%d%n",
                seconds,
                heapPeak(),
                rssPeakKib());
        System.exit(0);
    }

    /** The highest heap use the collectors saw: the sum of the heap pools' peaks. */
    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The process's peak resident set (VmHWM), or -1 where /proc does not say. */
    private static long rssPeakKib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
