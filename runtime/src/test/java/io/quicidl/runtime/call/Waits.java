package io.quicidl.runtime.call;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for events, never for durations: generous bounds for a loaded CI box. */
final class Waits {
    private static final long BOUND_SECONDS = 60;

    private Waits() {}

    /** Waits until {@code condition} holds; fails naming {@code what} after 60 s. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + BOUND_SECONDS + " s waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
