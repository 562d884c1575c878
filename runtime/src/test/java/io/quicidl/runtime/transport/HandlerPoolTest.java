package io.quicidl.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HandlerPool}: the Java 17 handler threads. Every wait is bounded and waits for an event. */
class HandlerPoolTest {
    private static final long WAIT_SECONDS = 30;

    private final ConcurrentLinkedQueue<Thread> made = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> uncaught = new AtomicReference<>();
    private HandlerPool pool;

    private final ThreadFactory factory = runnable -> {
        Thread thread = new Thread(runnable, "pool-test-" + made.size());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> uncaught.set(e));
        made.add(thread);
        return thread;
    };

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "pool did not terminate");
        }
    }

    @Test
    void runsEveryTaskOfABurstFromOneSubmitter() throws InterruptedException {
        pool = new HandlerPool(8, 30, TimeUnit.SECONDS, factory);
        int count = 20_000;
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            pool.execute(() -> {
                ran.incrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "ran " + ran.get() + " of " + count);
        assertEquals(count, ran.get());
        assertTrue(made.size() <= 8, "made " + made.size() + " threads for a ceiling of 8");
    }

    @Test
    void runsBlockingTasksAtOnceUpToTheCeilingThenQueues() throws InterruptedException {
        pool = new HandlerPool(4, 30, TimeUnit.SECONDS, factory);
        CountDownLatch started = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            pool.execute(() -> {
                started.countDown();
                awaitQuietly(release);
            });
        }
        assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS), "four blocking tasks did not all start");
        CountDownLatch fifth = new CountDownLatch(1);
        pool.execute(fifth::countDown);
        assertFalse(fifth.await(0, TimeUnit.SECONDS), "a fifth task ran with all four threads blocked");
        assertEquals(4, made.size());
        release.countDown();
        assertTrue(fifth.await(WAIT_SECONDS, TimeUnit.SECONDS), "the queued task never ran");
    }

    @Test
    void reusesAnIdleThreadRatherThanMakingOne() throws InterruptedException {
        pool = new HandlerPool(16, 30, TimeUnit.SECONDS, factory);
        for (int i = 0; i < 200; i++) {
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(done::countDown);
            assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        // A thread still on its way back from the previous task may make the pool start another,
        // but not one per task.
        assertTrue(made.size() <= 10, "made " + made.size() + " threads for 200 tasks run one at a time");
    }

    @Test
    void idleThreadsEndAfterTheKeepAlive() throws InterruptedException {
        pool = new HandlerPool(4, 50, TimeUnit.MILLISECONDS, factory);
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(done::countDown);
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        Thread worker = made.peek();
        worker.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(worker.isAlive(), "an idle worker outlived its keep-alive");
        CountDownLatch again = new CountDownLatch(1);
        pool.execute(again::countDown);
        assertTrue(again.await(WAIT_SECONDS, TimeUnit.SECONDS), "no thread was started after the idle one ended");
    }

    @Test
    void aFailingTaskReachesTheUncaughtHandlerAndTheThreadCarriesOn() throws InterruptedException {
        pool = new HandlerPool(1, 30, TimeUnit.SECONDS, factory);
        IllegalStateException failure = new IllegalStateException("handler bug");
        pool.execute(() -> {
            throw failure;
        });
        CountDownLatch next = new CountDownLatch(1);
        pool.execute(next::countDown);
        assertTrue(next.await(WAIT_SECONDS, TimeUnit.SECONDS), "the task after a failing one never ran");
        assertSame(failure, uncaught.get());
        assertEquals(1, made.size(), "the failure ended the only thread");
    }

    @Test
    void anInterruptAimedAtOneTaskDoesNotReachTheNext() throws InterruptedException {
        pool = new HandlerPool(1, 30, TimeUnit.SECONDS, factory);
        pool.execute(() -> Thread.currentThread().interrupt());
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        CountDownLatch next = new CountDownLatch(1);
        pool.execute(() -> {
            interrupted.set(Thread.currentThread().isInterrupted());
            next.countDown();
        });
        assertTrue(next.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(interrupted.get(), "the next task started interrupted");
    }

    @Test
    void shutdownRunsWhatIsQueuedThenTerminatesAndRefusesMore() throws InterruptedException {
        pool = new HandlerPool(1, 30, TimeUnit.SECONDS, factory);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        pool.execute(() -> awaitQuietly(release));
        for (int i = 0; i < 10; i++) {
            pool.execute(ran::incrementAndGet);
        }
        pool.shutdown();
        assertTrue(pool.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
        assertFalse(pool.isTerminated());
        release.countDown();
        assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "did not terminate");
        assertEquals(10, ran.get(), "shutdown dropped queued tasks");
    }

    @Test
    void shutdownNowInterruptsRunningTasksAndReturnsQueuedOnes() throws InterruptedException {
        pool = new HandlerPool(1, 30, TimeUnit.SECONDS, factory);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
        Runnable queued = () -> {};
        pool.execute(queued);
        List<Runnable> never = pool.shutdownNow();
        assertEquals(List.of(queued), never);
        assertTrue(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS), "the running task was not interrupted");
        assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void anUnusedPoolTerminatesAtOnce() throws InterruptedException {
        pool = new HandlerPool(1, 30, TimeUnit.SECONDS, factory);
        pool.shutdown();
        assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, made.size());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
