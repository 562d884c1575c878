package io.quicidl.benchmarks.reliability;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns Netty's leak reports into test failures for every test of this module: JUnit registers it
 * by auto-detection ({@code META-INF/services} and {@code junit-platform.properties} in the test
 * resources), so its factory is installed before any buffer class creates its detector; the
 * parent POM runs tests with the detector at PARANOID. A leak is only seen once the buffer was
 * collected and a later allocation polled the detector, so after each class (and whenever the
 * soak asks, through {@link #forceAndDrain}) it collects garbage and allocates first.
 */
public final class LeakReports implements AfterEachCallback, AfterAllCallback {
    private static final ConcurrentLinkedQueue<String> REPORTED = new ConcurrentLinkedQueue<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new Factory());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failIfAny(drain(), context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        failIfAny(forceAndDrain(), context.getDisplayName() + " (after the class)");
    }

    /** Whether the recording factory is the one Netty uses (false would make a clean run meaningless). */
    static boolean installed() {
        return ResourceLeakDetectorFactory.instance() instanceof Factory;
    }

    /** Collects garbage, polls the detectors, and returns (and forgets) every leak reported so far. */
    static List<String> forceAndDrain() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 8; i++) { // Each tracked allocation polls its detector's reference queue.
                Unpooled.directBuffer(1).release();
                Unpooled.buffer(1).release();
                PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
                PooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
            }
        }
        return drain();
    }

    private static List<String> drain() {
        List<String> leaks = new ArrayList<>();
        for (String leak = REPORTED.poll(); leak != null; leak = REPORTED.poll()) {
            leaks.add(leak);
        }
        return leaks;
    }

    private static void failIfAny(List<String> leaks, String where) {
        if (!leaks.isEmpty()) {
            throw new AssertionError(
                    "Netty reported " + leaks.size() + " leak(s) in " + where + ":\n" + String.join("\n", leaks));
        }
    }

    private static final class Factory extends ResourceLeakDetectorFactory {
        @SuppressWarnings("deprecation") // Still abstract in Netty 4.2.
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new Recording<>(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new Recording<>(resource, samplingInterval);
        }
    }

    private static final class Recording<T> extends ResourceLeakDetector<T> {
        Recording(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true; // Report even though Netty's logger may be off.
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            REPORTED.add("LEAK: a " + resourceType + " was collected without release()" + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            REPORTED.add("LEAK: a " + resourceType + " was collected without release()");
        }
    }
}
