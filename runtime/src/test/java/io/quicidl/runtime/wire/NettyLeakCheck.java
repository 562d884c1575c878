package io.quicidl.runtime.wire;

import io.netty.buffer.ByteBuf;
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
 * Fails a test when Netty's {@link ResourceLeakDetector} reports a leak, instead of only logging
 * it. Registered for every runtime test by JUnit's extension auto-detection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit-platform.properties} in the test resources); the test JVM runs the detector at
 * PARANOID (the parent POM's {@code test.jvm.args}).
 *
 * <p>Netty only notices a leak when a garbage-collected buffer was never released, and reports it
 * on a later allocation. So after each test the check looks at what was reported so far (cheap),
 * and after each test class it also runs the collector and allocates to force the report out.
 * A leak is therefore blamed on the test that was running or, at the latest, on its class.
 *
 * <p>The factory is installed when this class initializes, which JUnit does before it runs any
 * test, so before any {@code ByteBuf} class creates its detector. {@code LeakCheckSelfTest}
 * proves that it took effect.
 */
public final class NettyLeakCheck implements AfterEachCallback, AfterAllCallback {
    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnLeaks(context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        forceLeakReports();
        failOnLeaks(context.getDisplayName() + " (found after the class ran)");
    }

    /** Collects garbage and allocates, so that the detector reports buffers lost so far. */
    static void forceLeakReports() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20);
            // Each tracked allocation polls the detector's reference queue.
            for (int i = 0; i < 8; i++) {
                Unpooled.directBuffer(1).release();
                Unpooled.buffer(1).release();
                PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
                PooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
            }
        }
    }

    /** Removes and returns the leaks reported so far (for the self-test). */
    static List<String> drainLeaks() {
        List<String> drained = new ArrayList<>();
        String leak;
        while ((leak = LEAKS.poll()) != null) {
            drained.add(leak);
        }
        return drained;
    }

    private static void failOnLeaks(String where) {
        List<String> leaks = drainLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(
                    "Netty reported " + leaks.size() + " leak(s) in " + where + ":\n" + String.join("\n", leaks));
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @SuppressWarnings("deprecation") // the abstract method every factory must still implement
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add("LEAK: " + resourceType + " was garbage-collected without release()" + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add("LEAK: " + resourceType + " was garbage-collected without release()");
        }
    }

    static boolean installed() {
        return ResourceLeakDetectorFactory.instance() instanceof RecordingFactory;
    }

    /** A buffer of the kind the detector tracks (for the self-test). */
    static ByteBuf trackedBuffer() {
        return Unpooled.directBuffer(16);
    }
}
