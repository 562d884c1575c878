package io.quicidl.runtime.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The handler threads of a JVM without virtual threads (Java 17): a pool that grows to a ceiling
 * and shrinks when idle, built so that handing a call over costs the event loop as little as
 * possible.
 *
 * <p>A {@code ThreadPoolExecutor} on a hand-off queue wakes a parked thread for every task, and
 * that wake-up ({@code LockSupport.unpark}) was the largest single cost on a server's event loop.
 * Here the event loop only queues the task when a worker is already awake and looking for work;
 * it wakes one only when none is. A worker that takes a task while more wait wakes the next one,
 * so a burst of calls read in one go fans out from the workers, not from the event loop. A worker
 * with nothing to do spins briefly before parking while that pays, because on a busy server the
 * next call usually arrives within microseconds. The most recently parked worker is woken first: its caches are warm.
 */
final class HandlerPool extends AbstractExecutorService {
    /** {@code Thread.onSpinWait} rounds before a worker yields, then parks. */
    private static final int SPINS = 256;
    /** {@code Thread.yield} rounds after spinning, before parking. */
    private static final int YIELDS = 2;
    /**
     * A park shorter than this means work came soon enough for spinning to have caught it; after
     * a longer one the worker parks at once next time, so that one call at a time (work every
     * hundred microseconds or more) does not pay for spinning on the cores the event loops need.
     */
    private static final long SPIN_WORTH_NANOS = 50_000;

    private static final int RUNNING = 0;
    private static final int SHUTDOWN = 1;
    private static final int STOP = 2;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Parked workers, most recently parked first. */
    private final ConcurrentLinkedDeque<Worker> parked = new ConcurrentLinkedDeque<>();

    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    /** Workers awake and not running a task: they will find a newly queued task themselves. */
    private final AtomicInteger searching = new AtomicInteger();

    private final AtomicInteger threads = new AtomicInteger();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final int maxThreads;
    private final long keepAliveNanos;
    private final ThreadFactory threadFactory;
    private volatile int state = RUNNING;

    HandlerPool(int maxThreads, long keepAlive, TimeUnit unit, ThreadFactory threadFactory) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1, was " + maxThreads);
        }
        this.maxThreads = maxThreads;
        this.keepAliveNanos = unit.toNanos(keepAlive);
        this.threadFactory = threadFactory;
    }

    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        if (state != RUNNING) {
            throw new RejectedExecutionException("the handler pool is shut down");
        }
        tasks.offer(task);
        if (state != RUNNING && tasks.remove(task)) {
            // Shut down meanwhile, perhaps with no worker left to run it.
            throw new RejectedExecutionException("the handler pool is shut down");
        }
        if (searching.get() == 0) {
            signalWork();
        }
    }

    /** Wakes the most recently parked worker, or starts one if none is parked and room remains. */
    private void signalWork() {
        Worker worker = parked.pollFirst();
        if (worker != null) {
            searching.incrementAndGet();
            worker.wake();
            return;
        }
        int count;
        do {
            count = threads.get();
            if (count >= maxThreads) {
                return; // every thread is busy: the first to finish takes the task
            }
        } while (!threads.compareAndSet(count, count + 1));
        searching.incrementAndGet();
        Worker started = new Worker();
        Thread thread;
        try {
            thread = threadFactory.newThread(started);
            if (thread == null) {
                throw new IllegalStateException("the thread factory made no thread");
            }
            started.thread = thread;
            workers.add(started);
            thread.start();
        } catch (RuntimeException | Error e) {
            workers.remove(started);
            searching.decrementAndGet();
            workerGone();
            throw e;
        }
    }

    private void workerGone() {
        if (threads.decrementAndGet() == 0 && state != RUNNING) {
            terminated.countDown();
        }
    }

    private final class Worker implements Runnable {
        volatile Thread thread;
        /** True from the moment the worker offers itself to {@link #parked} until it is woken. */
        private volatile boolean asleep;
        /** Whether spinning before the next park is likely to find work (see {@link #SPIN_WORTH_NANOS}). */
        private boolean spinPays = true;

        void wake() {
            asleep = false;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            try {
                work();
            } finally {
                workers.remove(this);
                workerGone();
            }
        }

        /** Entered counted as searching; leaves when the pool stops, shuts down empty or idles out. */
        private void work() {
            while (true) {
                Runnable task = tasks.poll();
                if (task != null) {
                    runTask(task);
                    continue;
                }
                if (state != RUNNING) {
                    searching.decrementAndGet();
                    return;
                }
                if (spinPays && spinForWork()) {
                    continue;
                }
                long parkedAt = System.nanoTime();
                if (!park()) {
                    return;
                }
                spinPays = System.nanoTime() - parkedAt < SPIN_WORTH_NANOS;
            }
        }

        private void runTask(Runnable task) {
            searching.decrementAndGet();
            if (!tasks.isEmpty() && searching.get() == 0) {
                signalWork(); // more arrived in the same burst: the next worker fans out, not the event loop
            }
            if (state == STOP) {
                Thread.currentThread().interrupt();
            } else {
                Thread.interrupted(); // a cancellation aimed at the previous task ends with it
            }
            try {
                task.run();
            } catch (Throwable t) {
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current, t);
            }
            searching.incrementAndGet();
        }

        private boolean spinForWork() {
            for (int i = 0; i < SPINS; i++) {
                if (!tasks.isEmpty()) {
                    return true;
                }
                Thread.onSpinWait();
            }
            for (int i = 0; i < YIELDS; i++) {
                Thread.yield();
                if (!tasks.isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Parks until woken (then counted as searching again, by the waker) or until the keep-alive
         * passes unwoken.
         *
         * @return false when this worker should end
         */
        private boolean park() {
            asleep = true;
            searching.decrementAndGet();
            parked.addFirst(this);
            // A task queued just before we were parked saw us searching and woke no one: look again.
            if ((!tasks.isEmpty() || state != RUNNING) && parked.remove(this)) {
                asleep = false;
                searching.incrementAndGet();
                return true;
            }
            long deadline = System.nanoTime() + keepAliveNanos;
            while (asleep) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (parked.remove(this)) {
                        return false; // idle for the keep-alive and still unclaimed
                    }
                    deadline = Long.MAX_VALUE; // a waker took us off the list: its wake-up follows
                    left = keepAliveNanos;
                }
                LockSupport.parkNanos(HandlerPool.this, left);
            }
            return true;
        }
    }

    @Override
    public void shutdown() {
        if (state == RUNNING) {
            state = SHUTDOWN;
        }
        wakeAllParked();
        if (threads.get() == 0) {
            terminated.countDown();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        state = STOP;
        List<Runnable> never = new ArrayList<>();
        for (Runnable task; (task = tasks.poll()) != null; ) {
            never.add(task);
        }
        for (Worker worker : workers) {
            Thread thread = worker.thread;
            if (thread != null) {
                thread.interrupt();
            }
        }
        wakeAllParked();
        if (threads.get() == 0) {
            terminated.countDown();
        }
        return never;
    }

    private void wakeAllParked() {
        for (Worker worker; (worker = parked.pollFirst()) != null; ) {
            searching.incrementAndGet();
            worker.wake();
        }
    }

    @Override
    public boolean isShutdown() {
        return state != RUNNING;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }
}
