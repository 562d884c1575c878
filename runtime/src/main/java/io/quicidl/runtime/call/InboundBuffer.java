package io.quicidl.runtime.call;

import io.quicidl.runtime.transport.StreamPort;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small bounded buffer between a stream's event loop (producer) and one blocking reader. Reads
 * from the network are requested only while the buffer is below its bound and no read is
 * outstanding, so a slow reader holds the peer back through QUIC flow control instead of
 * growing a queue. The bound is {@code bound} messages or {@link #READ_AHEAD_BYTES} of encoded
 * messages, whichever holds more: big messages are held a few at a time, while small ones are
 * read far enough ahead that the reader seldom waits for the event loop. A
 * {@link ReentrantLock}, not a monitor, so that a virtual thread waiting here does not pin its
 * carrier thread.
 *
 * <p>A waiting reader is woken once per event-loop turn, not once per message: a read hands
 * the event loop several frames in a row, and waking the reader for the first would make it
 * take that one, wait again and be woken again for each of the others (a futex call each).
 */
final class InboundBuffer<T> {
    /** Encoded bytes of buffered messages below which reading goes on even past {@code bound} messages. */
    static final int READ_AHEAD_BYTES = 64 * 1024;

    private final int bound;
    private final ArrayDeque<Buffered<T>> items = new ArrayDeque<>();
    private long bufferedBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private StreamPort port;
    /** Readers waiting in {@link #take}; guarded by the lock. */
    private int waiting;
    /** A wake-up task is queued on the event loop; guarded by the lock. */
    private boolean wakeQueued;

    private volatile boolean readPending;
    private boolean ended;
    private RuntimeException failure;

    InboundBuffer(int bound) {
        this.bound = bound;
    }

    /** Starts reading from {@code port}. */
    void attach(StreamPort port) {
        lock.lock();
        try {
            this.port = port;
            demand();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Event loop: a frame arrived, so the outstanding read is satisfied. No lock: the event loop's
     * {@link #demand()} after the frame takes it and decides on the next read.
     */
    void frameArrived() {
        readPending = false;
    }

    /** Event loop: adds a decoded message that was {@code encodedBytes} long on the wire. */
    void add(T item, int encodedBytes) {
        lock.lock();
        try {
            items.add(new Buffered<>(item, encodedBytes));
            bufferedBytes += encodedBytes;
            if (waiting > 0 && !wakeQueued) {
                wakeAfterThisTurn();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: wakes the reader after the rest of this turn's frames (tasks run after reads). */
    private void wakeAfterThisTurn() {
        try {
            port.connection().eventLoop().execute(this::wakeReaders);
            wakeQueued = true;
        } catch (RejectedExecutionException e) {
            changed.signalAll(); // the event loop is gone: no turn to wait for
        }
    }

    private void wakeReaders() {
        lock.lock();
        try {
            wakeQueued = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a message where only the newest matter ({@code @realtime}, SPEC.md §5.7): when the
     * buffer is full the oldest waiting message is dropped, as it is stale.
     */
    void addDroppingOldest(T item) {
        lock.lock();
        try {
            if (items.size() >= bound) {
                removeOldest();
            }
            items.add(new Buffered<>(item, 0));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop, after a frame: asks the port for more while the buffer is below its bound. */
    void demand() {
        lock.lock();
        try {
            requestReadIf(items.size() < bound || bufferedBytes < READ_AHEAD_BYTES);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reader, after taking an item: once reading stopped at the bound, it resumes only when the
     * reader has taken half of the buffer, so that a reader slower than the network wakes the
     * event loop once per half buffer rather than once per message.
     */
    private void demandAfterTake() {
        requestReadIf(items.size() < (bound + 1) / 2 || bufferedBytes < READ_AHEAD_BYTES / 2);
    }

    /** Under the lock: one outstanding read at a time. */
    private void requestReadIf(boolean room) {
        if (room && port != null && !ended && !readPending) {
            readPending = true;
            port.requestRead();
        }
    }

    /**
     * No more items will come. The reader gets the items buffered so far, then {@code failure}
     * (or the end when it is {@code null}); with {@code discard}, it gets the failure at once.
     */
    void end(RuntimeException failure, boolean discard) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
            this.failure = failure;
            if (discard) {
                items.clear();
                bufferedBytes = 0;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks for the next item.
     *
     * @return the item, or {@code null} at a normal end
     * @throws RuntimeException the failure given to {@link #end}, once the items before it are taken
     */
    T take() throws InterruptedException {
        lock.lock();
        try {
            while (items.isEmpty() && !ended) {
                waiting++;
                try {
                    changed.await();
                } finally {
                    waiting--;
                }
            }
            T item = removeOldest();
            if (item != null) {
                demandAfterTake();
                return item;
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The next item if one is buffered, without waiting. */
    T poll() {
        lock.lock();
        try {
            T item = removeOldest();
            if (item != null) {
                demandAfterTake();
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: takes the oldest item and its size, or {@code null}. */
    private T removeOldest() {
        Buffered<T> oldest = items.poll();
        if (oldest == null) {
            return null;
        }
        bufferedBytes -= oldest.encodedBytes();
        return oldest.item();
    }

    /** A buffered item and its size on the wire. */
    private record Buffered<T>(T item, int encodedBytes) {}
}
