package io.quicidl.runtime.transport;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server's bound on handler work, shared fairly between its connections. Every connection
 * runs its handlers through its own {@link Share}; a handler is admitted while its connection
 * runs fewer than its fair share ({@code maxHandlers} divided by the connections running
 * handlers, at least {@link #MIN_SHARE}) and fewer than it may have streams open, and while
 * the server runs fewer than twice {@code maxHandlers}. A refused handler's call ends at once
 * with a retryable status, so a few connections holding calls open cannot take every handler
 * thread from the others: each new connection is due a share of its own.
 *
 * <p>Counts run from admission until the handler returns, so work a connection queued for calls
 * it has already cancelled still counts against it.
 */
public final class HandlerAdmission {
    /** Handlers every connection may run however many connections there are. */
    static final int MIN_SHARE = 4;

    private final Executor pool;
    private final int maxHandlers;
    private final int perConnectionCap;
    private final AtomicLong refused = new AtomicLong();
    /** Guarded by {@code this}. */
    private int running;
    /** Connections with at least one handler running; guarded by {@code this}. */
    private int busyConnections;

    /**
     * @param pool where admitted handlers run
     * @param maxHandlers the handlers the server runs at once when shared out fairly
     * @param perConnectionCap the most any one connection runs: the streams it may have open
     */
    public HandlerAdmission(Executor pool, int maxHandlers, int perConnectionCap) {
        if (maxHandlers < 1 || perConnectionCap < 1) {
            throw new IllegalArgumentException(
                    "maxHandlers and perConnectionCap must be positive: " + maxHandlers + ", " + perConnectionCap);
        }
        this.pool = pool;
        this.maxHandlers = maxHandlers;
        this.perConnectionCap = perConnectionCap;
    }

    /** The executor of one new connection. */
    public Share newShare() {
        return new Share();
    }

    /** Handlers refused since the server started. */
    public long refused() {
        return refused.get();
    }

    /** Handlers running now, over all connections. */
    public synchronized int running() {
        return running;
    }

    private synchronized String admit(Share share) {
        int busy = busyConnections + (share.running == 0 ? 1 : 0);
        int fairShare = Math.max(MIN_SHARE, maxHandlers / busy);
        int allowed = Math.min(fairShare, perConnectionCap);
        if (share.running >= allowed) {
            return "the server is busy: this connection already runs " + share.running + " handlers, its share of "
                    + maxHandlers + " shared by " + busy + " connections";
        }
        if (running >= 2 * maxHandlers) {
            return "the server is busy: " + running + " handlers running";
        }
        if (share.running++ == 0) {
            busyConnections++;
        }
        running++;
        return null;
    }

    private synchronized void done(Share share) {
        running--;
        if (--share.running == 0) {
            busyConnections--;
        }
    }

    /** One connection's view: runs tasks on the pool while the connection is within its share. */
    public final class Share implements Executor {
        /** Guarded by the enclosing admission. */
        private int running;

        private Share() {}

        /** @throws RejectedExecutionException over the connection's share, naming why */
        @Override
        public void execute(Runnable task) {
            String refusal = admit(this);
            if (refusal != null) {
                refused.incrementAndGet();
                throw new RejectedExecutionException(refusal);
            }
            try {
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        done(this);
                    }
                });
            } catch (RuntimeException e) {
                done(this);
                throw e;
            }
        }
    }
}
