package io.quicidl.runtime.call;

import io.quicidl.runtime.transport.StreamPort;
import java.util.ArrayDeque;

/**
 * A small bounded buffer between a stream's event loop (producer) and one blocking reader. Reads
 * from the network are requested only while the buffer is below its bound and no read is
 * outstanding, so a slow reader holds the peer back through QUIC flow control instead of
 * growing a queue.
 */
final class InboundBuffer<T> {
    private final int bound;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private StreamPort port;
    private boolean readPending;
    private boolean ended;
    private RuntimeException failure;

    InboundBuffer(int bound) {
        this.bound = bound;
    }

    /** Starts reading from {@code port}. */
    synchronized void attach(StreamPort port) {
        this.port = port;
        demand();
    }

    /** Event loop: a frame arrived, so the outstanding read is satisfied. */
    synchronized void frameArrived() {
        readPending = false;
    }

    /** Event loop: adds a decoded message. */
    synchronized void add(T item) {
        items.add(item);
        notifyAll();
    }

    /**
     * Adds a message where only the newest matter ({@code @realtime}, SPEC.md §5.7): when the
     * buffer is full the oldest waiting message is dropped, as it is stale.
     */
    synchronized void addDroppingOldest(T item) {
        if (items.size() >= bound) {
            items.poll();
        }
        items.add(item);
        notifyAll();
    }

    /** Asks the port for more when there is room and no read is outstanding. */
    synchronized void demand() {
        if (port != null && !ended && !readPending && items.size() < bound) {
            readPending = true;
            port.requestRead();
        }
    }

    /**
     * No more items will come. The reader gets the items buffered so far, then {@code failure}
     * (or the end when it is {@code null}); with {@code discard}, it gets the failure at once.
     */
    synchronized void end(RuntimeException failure, boolean discard) {
        if (ended) {
            return;
        }
        ended = true;
        this.failure = failure;
        if (discard) {
            items.clear();
        }
        notifyAll();
    }

    /**
     * Blocks for the next item.
     *
     * @return the item, or {@code null} at a normal end
     * @throws RuntimeException the failure given to {@link #end}, once the items before it are taken
     */
    synchronized T take() throws InterruptedException {
        while (items.isEmpty() && !ended) {
            wait();
        }
        T item = items.poll();
        if (item != null) {
            demand();
            return item;
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    /** The next item if one is buffered, without waiting. */
    synchronized T poll() {
        T item = items.poll();
        if (item != null) {
            demand();
        }
        return item;
    }
}
