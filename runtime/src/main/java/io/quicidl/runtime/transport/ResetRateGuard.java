package io.quicidl.runtime.transport;

import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A server's defence against rapid reset (SPEC.md §7.3, in the spirit of the HTTP/2 fixes for
 * CVE-2023-44487): a client that opens calls and cancels them at once makes the server parse,
 * route and schedule work that nobody waits for, while the cancellations hand the client its
 * stream credit back, so the stream limit alone does not bound that work. Per connection, this
 * counts the calls the client cancelled (RESET_STREAM or STOP_SENDING with a code other than
 * NO_ERROR or STALE, before the server let go of the call's stream, or a reset before a stream's
 * first frame) against the calls that ended otherwise, over a sliding window of
 * {@link #BUCKETS} one-second buckets. More than {@code maxCancelled} cancellations in the
 * window ({@link #DEFAULT_MAX_CANCELLED} unless the server was built with another limit), and
 * more than {@link #RATIO} times the completions, mean abuse: the connection is handed
 * to {@code onAbuse} once, to be closed with EXCESSIVE_LOAD. A client that cancels often but
 * also completes calls (a UI cancelling searches as the user types) stays far below this.
 *
 * <p>Confined to the connection's event loop, where every stream event and release arrives.
 */
public final class ResetRateGuard {
    /** Cancellations in the window above which the ratio is looked at, by default. */
    public static final int DEFAULT_MAX_CANCELLED = 1_000;
    /** Cancellations per completion above which a connection is abusive. */
    static final int RATIO = 10;
    /** The window, in one-second buckets. */
    static final int BUCKETS = 10;

    private static final long BUCKET_NANOS = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final int maxCancelled;
    private final Consumer<String> onAbuse;
    private final long[] cancelled = new long[BUCKETS];
    private final long[] completed = new long[BUCKETS];
    /** Call streams accepted and not yet cancelled or released. */
    private final Set<Long> watched = new HashSet<>();

    /** Refused calls whose stream has not been released yet. */
    private long unreleasedRefusals;

    private long cancelledInWindow;
    private long completedInWindow;
    private long currentBucket;
    private boolean tripped;

    /**
     * @param nanoClock the time, as {@link System#nanoTime()}
     * @param maxCancelled cancellations in the window above which the ratio is looked at; 0 turns the guard off
     * @param onAbuse told once, with why, when the connection crosses the limits
     */
    ResetRateGuard(LongSupplier nanoClock, int maxCancelled, Consumer<String> onAbuse) {
        this.nanoClock = nanoClock;
        this.maxCancelled = maxCancelled;
        this.onAbuse = onAbuse;
        this.currentBucket = nanoClock.getAsLong() / BUCKET_NANOS;
    }

    /** A call stream is being accepted; before the call starts, which may release it at once. */
    void accepted(long streamId) {
        watched.add(streamId);
    }

    /** The listener of an accepted call: reports the client's cancellation, then delegates. */
    StreamListener watch(long streamId, StreamListener listener) {
        return new Watched(streamId, listener);
    }

    /** {@code share}, telling {@code onRefused} of each handler admission refuses: its call is no completion. */
    static Executor countingRefusals(Executor share, Runnable onRefused) {
        return task -> {
            try {
                share.execute(task);
            } catch (RejectedExecutionException e) {
                onRefused.run();
                throw e;
            }
        };
    }

    /** Admission refused a handler: its call, released next, never ran, so it is no completion. */
    void refused() {
        unreleasedRefusals++;
    }

    /** The server let go of a call stream: a completion, unless the client cancelled the call or it was refused. */
    void released(long streamId) {
        if (watched.remove(streamId)) {
            if (unreleasedRefusals > 0) {
                unreleasedRefusals--;
                return;
            }
            advance();
            completed[(int) (currentBucket % BUCKETS)]++;
            completedInWindow++;
        }
    }

    /** The client reset a stream before its first frame: a call opened and cancelled at once. */
    void resetBeforeFirstFrame() {
        count();
    }

    private void cancelled(long streamId, ErrorCode code) {
        if (code != ErrorCode.NO_ERROR && code != ErrorCode.STALE && watched.remove(streamId)) {
            count();
        }
    }

    private void count() {
        advance();
        cancelled[(int) (currentBucket % BUCKETS)]++;
        cancelledInWindow++;
        if (!tripped
                && maxCancelled > 0
                && cancelledInWindow > maxCancelled
                && cancelledInWindow > RATIO * completedInWindow) {
            tripped = true;
            onAbuse.accept("too many cancelled calls: " + cancelledInWindow + " cancelled and " + completedInWindow
                    + " completed in " + BUCKETS + " s");
        }
    }

    /** Moves the window to now, forgetting buckets older than it. */
    private void advance() {
        long now = nanoClock.getAsLong() / BUCKET_NANOS;
        for (long bucket = Math.max(currentBucket + 1, now - BUCKETS + 1); bucket <= now; bucket++) {
            int slot = (int) (bucket % BUCKETS);
            cancelledInWindow -= cancelled[slot];
            completedInWindow -= completed[slot];
            cancelled[slot] = 0;
            completed[slot] = 0;
        }
        currentBucket = Math.max(currentBucket, now);
    }

    /** A call's listener that reports the client's cancellation first. */
    private final class Watched implements StreamListener {
        private final long streamId;
        private final StreamListener delegate;

        Watched(long streamId, StreamListener delegate) {
            this.streamId = streamId;
            this.delegate = delegate;
        }

        @Override
        public void onFrame(Frame frame) {
            delegate.onFrame(frame);
        }

        @Override
        public void onFin() {
            delegate.onFin();
        }

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
            if (peerReset) {
                cancelled(streamId, code);
            }
            delegate.onReceiveAborted(code, peerReset, detail);
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
            cancelled(streamId, code);
            delegate.onStopped(code, status, statusMessage);
        }

        @Override
        public void onWritable() {
            delegate.onWritable();
        }

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            delegate.onConnectionLost(code, description);
        }
    }
}
