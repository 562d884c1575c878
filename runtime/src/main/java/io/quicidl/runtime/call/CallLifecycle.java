package io.quicidl.runtime.call;

import io.netty.channel.EventLoop;
import io.quicidl.runtime.StatusException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The life of one call, the same for every pattern and side: it finishes exactly once with an
 * outcome, and finishing cancels the deadline timer, aborts the halves of the call's stream still
 * open with named codes ({@link Abort}), frees the stream, cancels a server handler's context and
 * wakes every waiter. The pattern's state machine decides when and with which {@link Abort}; this
 * class makes each of those steps happen once and in that order (SPEC.md §4.1, §7.2).
 *
 * <p>Contract:
 * <ul>
 *   <li>Finish once: {@link #finish} returns {@code true} to the one caller that ended the call;
 *       every later call, from any thread, changes nothing and returns {@code false}. The
 *       outcome is {@code null} for success, else the failure users see (on a server, always a
 *       {@link StatusException}, which the handler's context is cancelled with).
 *   <li>Lock: one {@link ReentrantLock} per call (not a monitor, so a virtual thread waiting in
 *       it does not pin its carrier). The pattern class guards its own state with the same lock
 *       ({@link #lock()}, {@link #unlock()}), and may call every method here while holding it.
 *       Lock order: the {@code @realtime} registry's monitor, then this lock, then a second
 *       lifecycle's (the {@code @unordered} client's response streams), then an
 *       {@link InboundBuffer}'s; never the other way round. Stream calls under it never block.
 *   <li>Threads: transport callbacks and the deadline timer call in on the event loop and never
 *       wait; user and handler threads wait in {@link #await()} or {@link #awaitOutcome}.
 *   <li>Stream: a server call has its stream from the start; a client call {@link #attach}es it
 *       when the transport opens it, and a call that finished before then aborts it at once
 *       ({@link Abort#applyUnopened}). Calls of many streams ({@code @realtime}) keep theirs
 *       themselves and use only the finish-once, timer and waiting parts.
 * </ul>
 */
final class CallLifecycle {
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Created by the first waiter, under the lock: most calls never wait (a server's unary call,
     * an async client's), and this saves them the allocation.
     */
    private Condition changed;
    /**
     * What {@link #awaitOutcome} waits on, signalled only when the call finishes: a thread that
     * waits for the outcome (a blocking unary call) is not woken, to look and wait again, by the
     * changes along the way (its stream opening, credit arriving). Created by the first such waiter.
     */
    private Condition finished;
    /** Cancelled with a failing outcome on a server call; {@code null} on a client call. */
    private final ServerContext context;
    /** Told the outcome of a client call with interceptors; {@code null} otherwise. */
    private final CallObserver observer;

    private CallStream stream;
    private ScheduledFuture<?> deadlineTimer;
    private IdleWatch idleWatch;
    private boolean done;
    private RuntimeException outcome;
    /** How a stream that opens after the call finished is aborted. */
    private Abort abortOnOpen = Abort.none();
    /** A {@link #signalAllAfterThisTurn} wake-up is queued on the event loop. */
    private boolean wakeQueued;

    /**
     * A client call's lifecycle; its stream follows through {@link #attach}, if it has one. The
     * interceptors' {@code observer} ({@code null} for none) is told the outcome when it finishes.
     */
    CallLifecycle(CallObserver observer) {
        this.context = null;
        this.observer = observer;
    }

    /**
     * A server call's lifecycle on the stream the client opened, or on none ({@code null}) for a
     * call of many streams; a failing outcome cancels {@code context}.
     */
    CallLifecycle(CallStream stream, ServerContext context) {
        this.stream = stream;
        this.context = context;
        this.observer = null;
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Whether the call has finished. Caller holds the lock. */
    boolean isDone() {
        return done;
    }

    /** The call's failure, {@code null} while it runs or when it succeeded. Caller holds the lock. */
    RuntimeException outcome() {
        return outcome;
    }

    /** The call's stream; {@code null} on a client call until it opened. Caller holds the lock. */
    CallStream stream() {
        return stream;
    }

    /**
     * Runs {@code onExpiry} on {@code loop} when {@code deadline} passes; the timer is cancelled
     * when the call finishes. Called once, for a call with a deadline: before the call is handed
     * to the transport (which publishes the timer to the threads that may finish it), or under
     * the lock while the call runs.
     */
    void startDeadline(Deadline deadline, EventLoop loop, Runnable onExpiry) {
        deadlineTimer = deadline.schedule(loop, onExpiry);
    }

    /**
     * A server call: runs {@code onIdle} on {@code loop} when neither side has sent a frame for
     * {@code timeoutNanos} ({@link IdleWatch}); nothing when it is 0. Stopped when the call
     * finishes. Called once, before the call is handed to the transport.
     */
    void watchIdle(long timeoutNanos, EventLoop loop, Runnable onIdle) {
        idleWatch = IdleWatch.start(loop, timeoutNanos, onIdle);
    }

    /** A frame of the call arrived or was written: it is not idle. Any thread, lock or not. */
    void progressed() {
        IdleWatch watch = idleWatch;
        if (watch != null) {
            watch.progressed();
        }
    }

    /**
     * Gives a client call its freshly opened stream. When the call finished meanwhile, the stream
     * is aborted as that finish asked and freed, and this returns {@code false}: nothing may be
     * written on it. Caller holds the lock.
     */
    boolean attach(CallStream opened) {
        stream = opened;
        if (done) {
            abortOnOpen.applyUnopened(opened);
            opened.release();
            return false;
        }
        return true;
    }

    /**
     * Ends the call with {@code outcome} ({@code null} for success), unless it has ended already:
     * cancels the deadline timer, applies {@code abort} to the stream's open halves and frees it,
     * cancels the server handler's context, then wakes every waiter.
     *
     * @return whether this call ended it
     */
    boolean finish(RuntimeException outcome, Abort abort) {
        lock.lock();
        try {
            if (done) {
                return false;
            }
            done = true;
            this.outcome = outcome;
            if (deadlineTimer != null) {
                deadlineTimer.cancel(false);
            }
            if (idleWatch != null) {
                idleWatch.stop();
            }
            if (stream == null) {
                abortOnOpen = abort;
            } else {
                abort.apply(stream);
                stream.release();
            }
            // Before any waiter wakes, so a handler that catches the failure sees isCancelled().
            if (context != null && outcome instanceof StatusException cancellation) {
                context.cancel(cancellation);
            }
            signalAll();
            if (finished != null) {
                finished.signalAll();
            }
            if (observer != null) {
                observer.close(outcome);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #finish} with success: the call did all it had to. */
    boolean succeed(Abort abort) {
        return finish(null, abort);
    }

    /**
     * The peer finished or reset the receive half, and that ends the call: both in one critical
     * section, so no one sees the half ended and the call still running.
     */
    boolean finishReceiveEnded(RuntimeException outcome, Abort abort) {
        lock.lock();
        try {
            if (stream != null) {
                stream.receiveEnded();
            }
            return finish(outcome, abort);
        } finally {
            lock.unlock();
        }
    }

    /** The connection is gone: neither half can be touched, and the call fails with {@code outcome}. */
    boolean connectionLost(RuntimeException outcome) {
        lock.lock();
        try {
            if (stream != null) {
                stream.connectionLost();
            }
            return finish(outcome, Abort.none());
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter to look again (credit arrived, a stream opened). Caller holds the lock. */
    void signalAll() {
        if (changed != null) {
            changed.signalAll();
        }
    }

    /**
     * {@link #signalAll()} at the end of the event loop's turn, once however often it is asked
     * during the turn: a read that ends many streams of a call ({@code @unordered} responses
     * arriving, or written) wakes its waiting thread once instead of once per stream (a futex
     * call each, and a thread that takes one item and waits again). Caller holds the lock; off
     * the event loop it signals at once.
     */
    void signalAllAfterThisTurn(EventLoop loop) {
        if (changed == null || wakeQueued || !lock.hasWaiters(changed)) {
            return; // a thread that starts waiting later looks at the state first
        }
        if (!loop.inEventLoop()) {
            changed.signalAll();
            return;
        }
        wakeQueued = true;
        try {
            loop.execute(this::wakeQueuedWaiters);
        } catch (RejectedExecutionException e) {
            wakeQueued = false;
            changed.signalAll(); // the event loop is shutting down: no turn to wait for
        }
    }

    private void wakeQueuedWaiters() {
        lock.lock();
        try {
            wakeQueued = false;
            signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** {@link #signalAll()} for a caller without the lock: the event loop's {@code onWritable}. */
    void wakeWaiters() {
        lock.lock();
        try {
            signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next change. Caller holds the lock; a user or handler thread. */
    void await() throws InterruptedException {
        if (changed == null) {
            changed = lock.newCondition();
        }
        changed.await();
    }

    /**
     * Waits until the call has finished and returns its failure, {@code null} for success. Not on
     * the event loop.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the call runs on, and
     *     the caller decides whether to cancel it
     */
    RuntimeException awaitOutcome() throws InterruptedException {
        lock.lock();
        try {
            if (!done && finished == null) {
                finished = lock.newCondition();
            }
            while (!done) {
                finished.await();
            }
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /** The outcome of a call that has finished, for a caller without the lock. */
    RuntimeException finishedOutcome() {
        lock.lock();
        try {
            return outcome;
        } finally {
            lock.unlock();
        }
    }
}
