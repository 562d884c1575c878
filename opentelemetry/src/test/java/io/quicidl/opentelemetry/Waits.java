package io.quicidl.opentelemetry;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for what must happen, with a generous bound, instead of sleeping and then asserting. */
final class Waits {
    private static final long BOUND_NANOS = 30_000_000_000L;

    private Waits() {}

    static void until(BooleanSupplier condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 30 s: " + failure.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + failure.get(), e);
            }
        }
    }
}
