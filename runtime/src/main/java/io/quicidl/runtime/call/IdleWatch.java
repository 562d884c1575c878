package io.quicidl.runtime.call;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server call's idle-call timeout (SPEC.md §7.3): ends the call when no frame has arrived
 * from the client and none has been written to it for the timeout, such as a client that opened
 * a stream and sends nothing (slowloris) or stopped reading a response stream.
 *
 * <p>Cheap for the many calls that end long before the timeout: no timer per call. Each event
 * loop keeps one list of the watches of its calls and looks at it once a second
 * ({@link Sweeper}); progress is one volatile write, and a call that ends only marks its watch,
 * which the next look drops. An idle call ends between one timeout and one timeout plus a second
 * after its last frame.
 */
final class IdleWatch {
    private static final System.Logger LOG = System.getLogger(IdleWatch.class.getName());
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final FastThreadLocal<Sweeper> SWEEPERS = new FastThreadLocal<>();

    private final long timeoutNanos;
    /** Run when the call is idle; {@code null} once the call ended, so a watch does not hold its call. */
    private volatile Runnable onIdle;
    /** Bumped by every frame in either direction; lost updates are harmless, any change is progress. */
    private volatile long progress;
    /** Event loop: {@link #progress} as last seen, and since when it has not changed. */
    private long lastSeen;

    private long idleSince;

    private IdleWatch(long timeoutNanos, Runnable onIdle) {
        this.timeoutNanos = timeoutNanos;
        this.onIdle = onIdle;
    }

    /**
     * The idle-call timeout a server call on {@code connection} is watched with, 0 for none: a
     * call whose deadline comes first needs no watch, as most unary calls' deadlines do.
     */
    static long timeoutFor(CallConnection connection, Deadline deadline) {
        long timeout = connection.idleCallTimeoutNanos();
        return deadline != null && deadline.remainingNanos() <= timeout ? 0 : timeout;
    }

    /** What the handler sees, and why, when the watch ends its call. */
    static StatusException failure(long timeoutNanos) {
        return new StatusException(
                StatusCode.DEADLINE_EXCEEDED,
                "no frame from or to the client for " + Duration.ofNanos(timeoutNanos)
                        + ": the server's idle-call timeout (Server.Builder.idleCallTimeout)");
    }

    /** Starts watching a call of {@code loop}; {@code null} when {@code timeoutNanos} is 0 (no timeout). */
    static IdleWatch start(EventLoop loop, long timeoutNanos, Runnable onIdle) {
        if (timeoutNanos <= 0) {
            return null;
        }
        IdleWatch watch = new IdleWatch(timeoutNanos, onIdle);
        if (loop.inEventLoop()) {
            Sweeper.of(loop).add(watch);
        } else {
            loop.execute(() -> Sweeper.of(loop).add(watch));
        }
        return watch;
    }

    /** A frame arrived or was written: the call made progress. Any thread. */
    void progressed() {
        progress++;
    }

    /** The call ended. Any thread. */
    void stop() {
        onIdle = null;
    }

    /** The watches of one event loop's calls, looked at once a second while there are any. */
    private static final class Sweeper {
        private final EventLoop loop;
        private List<IdleWatch> watches = new ArrayList<>();
        private List<IdleWatch> spare = new ArrayList<>();
        private boolean scheduled;

        private Sweeper(EventLoop loop) {
            this.loop = loop;
        }

        /** Event loop: this loop's sweeper. */
        static Sweeper of(EventLoop loop) {
            Sweeper sweeper = SWEEPERS.get();
            if (sweeper == null) {
                sweeper = new Sweeper(loop);
                SWEEPERS.set(sweeper);
            }
            return sweeper;
        }

        void add(IdleWatch watch) {
            watch.idleSince = System.nanoTime();
            watches.add(watch);
            if (!scheduled) {
                scheduled = true;
                loop.schedule(this::sweep, SWEEP_NANOS, TimeUnit.NANOSECONDS);
            }
        }

        private void sweep() {
            // Survivors go to the other list, which also takes any watch added while one is ended.
            List<IdleWatch> looked = watches;
            watches = spare;
            long now = System.nanoTime();
            for (IdleWatch watch : looked) {
                Runnable onIdle = watch.onIdle;
                if (onIdle == null) {
                    continue; // the call ended
                }
                long progress = watch.progress;
                if (progress != watch.lastSeen) {
                    watch.lastSeen = progress;
                    watch.idleSince = now;
                } else if (now - watch.idleSince >= watch.timeoutNanos) {
                    watch.onIdle = null;
                    endIdleCall(onIdle);
                    continue;
                }
                watches.add(watch);
            }
            looked.clear();
            spare = looked;
            scheduled = !watches.isEmpty();
            if (scheduled) {
                loop.schedule(this::sweep, SWEEP_NANOS, TimeUnit.NANOSECONDS);
            }
        }

        private static void endIdleCall(Runnable onIdle) {
            try {
                onIdle.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "ending an idle call failed", e);
            }
        }
    }
}
