package io.quicidl.runtime.call;

import io.netty.channel.EventLoop;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A call's deadline on this host's monotonic clock (SPEC.md §7.2). Immutable. */
final class Deadline {
    private final long atNanos;
    private final Duration timeout;

    private Deadline(long atNanos, Duration timeout) {
        this.atNanos = atNanos;
        this.timeout = timeout;
    }

    /** The client's deadline: the options' timeout, else the method's default; {@code null} for none. */
    static Deadline forClient(MethodDescriptor<?, ?> method, CallOptions options) {
        Duration timeout = options.timeout().or(method::defaultDeadline).orElse(null);
        return timeout == null ? null : new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /**
     * The largest {@code timeout_micros} that is a deadline (about 285 years); anything above it,
     * up to 2^64-1, means none (SPEC.md §7.2). Its nanoseconds still fit a {@code long}.
     */
    static final long MAX_TIMEOUT_MICROS = (1L << 53) - 1;

    /**
     * The server's deadline: when the CALL arrived plus its {@code timeout_micros}, read as the
     * unsigned 64-bit value it is on the wire; {@code null} for 0 and for values above
     * {@link #MAX_TIMEOUT_MICROS}.
     */
    static Deadline forServer(long timeoutMicros) {
        if (timeoutMicros == 0 || Long.compareUnsigned(timeoutMicros, MAX_TIMEOUT_MICROS) > 0) {
            return null;
        }
        Duration timeout = Duration.ofNanos(timeoutMicros * 1000L);
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    long remainingNanos() {
        return atNanos - System.nanoTime();
    }

    /** The value for a CALL frame's {@code timeout_micros}; at least 1, since 0 means none. */
    long timeoutMicros() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMicros(remainingNanos()));
    }

    /** Runs {@code onExpiry} on {@code loop} when the deadline passes. */
    ScheduledFuture<?> schedule(EventLoop loop, Runnable onExpiry) {
        return loop.schedule(onExpiry, Math.max(0, remainingNanos()), TimeUnit.NANOSECONDS);
    }

    /** The failure of a call whose deadline passed. */
    StatusException exceeded() {
        return new StatusException(StatusCode.DEADLINE_EXCEEDED, "deadline of " + timeout.toMillis() + " ms passed");
    }
}
