package io.quicidl.runtime.call;

import io.netty.channel.EventLoop;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server call's idle-call timeout (SPEC.md §7.3): ends the call when no frame has arrived
 * from the client and none has been written to it for the timeout, such as a client that opened
 * a stream and sends nothing (slowloris) or stopped reading a response stream. Checked on the
 * event loop every quarter of the timeout, so an idle call ends within 1¼ timeouts; progress
 * costs one volatile write, not a timer per frame.
 */
final class IdleWatch {
    private static final int CHECKS_PER_TIMEOUT = 4;

    private final EventLoop loop;
    private final long periodNanos;
    private final Runnable onIdle;
    /** Bumped by every frame in either direction; lost updates are harmless, any change is progress. */
    private volatile long progress;

    private volatile boolean stopped;
    /** Event loop: what {@link #progress} was at the last check, and for how many checks since. */
    private long lastSeen;

    private int unchangedChecks;
    private ScheduledFuture<?> timer;

    private IdleWatch(EventLoop loop, long timeoutNanos, Runnable onIdle) {
        this.loop = loop;
        this.periodNanos = Math.max(1, timeoutNanos / CHECKS_PER_TIMEOUT);
        this.onIdle = onIdle;
    }

    /**
     * The idle-call timeout a server call on {@code connection} is watched with, 0 for none: a
     * call whose deadline comes first needs no watch, as most unary calls' 2 s deadlines do.
     */
    static long timeoutFor(CallConnection connection, Deadline deadline) {
        long timeout = connection.idleCallTimeoutNanos();
        return deadline != null && deadline.remainingNanos() <= timeout ? 0 : timeout;
    }

    /** What the handler sees, and why, when the watch ends its call. */
    static StatusException failure(long timeoutNanos) {
        return new StatusException(
                StatusCode.DEADLINE_EXCEEDED,
                "no frame from or to the client for " + java.time.Duration.ofNanos(timeoutNanos)
                        + ": the server's idle-call timeout (Server.Builder.idleCallTimeout)");
    }

    /** Starts watching; {@code null} when {@code timeoutNanos} is 0 (no idle-call timeout). */
    static IdleWatch start(EventLoop loop, long timeoutNanos, Runnable onIdle) {
        if (timeoutNanos <= 0) {
            return null;
        }
        IdleWatch watch = new IdleWatch(loop, timeoutNanos, onIdle);
        if (loop.inEventLoop()) {
            watch.schedule();
        } else {
            loop.execute(watch::schedule);
        }
        return watch;
    }

    /** A frame arrived or was written: the call made progress. Any thread. */
    void progressed() {
        progress++;
    }

    /** The call ended: no more checks. Any thread. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = timer;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void schedule() {
        if (!stopped) {
            timer = loop.schedule(this::check, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        long now = progress;
        if (now != lastSeen) {
            lastSeen = now;
            unchangedChecks = 0;
        } else if (++unchangedChecks >= CHECKS_PER_TIMEOUT) {
            onIdle.run();
            return;
        }
        schedule();
    }
}
