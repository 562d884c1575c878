package io.quicidl.runtime.transport;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicChannel;
import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work other threads hand to one connection's event loop (handler responses, calls opened by
 * application threads, cancels), run in batches: one event-loop task runs everything queued, in
 * the order it was queued, inside {@link CoalescedSends}, so that the writes of many calls leave
 * in shared packets and system calls instead of one each.
 */
final class LoopTasks {
    private static final System.Logger LOG = System.getLogger(LoopTasks.class.getName());
    /** At most this many tasks per batch, so that other connections and reads get the loop too. */
    private static final int TASKS_PER_BATCH = 256;

    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final QuicChannel channel;

    LoopTasks(QuicChannel channel) {
        this.channel = channel;
    }

    /**
     * Queues {@code task} for the event loop.
     *
     * @throws RejectedExecutionException if the event loop has shut down
     */
    void submit(Runnable task) {
        queued.add(task);
        if (scheduled.compareAndSet(false, true)) {
            EventLoop loop = channel.eventLoop();
            try {
                loop.execute(this::runBatch);
            } catch (RejectedExecutionException e) {
                queued.clear();
                throw e;
            }
        }
    }

    private void runBatch() {
        // Cleared before taking tasks: a task queued after the last poll schedules the next batch.
        scheduled.set(false);
        CoalescedSends.run(channel, this::runQueued);
        if (!queued.isEmpty() && scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::runBatch);
        }
    }

    private void runQueued() {
        Runnable task;
        for (int i = 0; i < TASKS_PER_BATCH && (task = queued.poll()) != null; i++) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // One failing task must not take the rest of the batch with it.
                LOG.log(Level.WARNING, "a task on the event loop failed", e);
            }
        }
    }
}
