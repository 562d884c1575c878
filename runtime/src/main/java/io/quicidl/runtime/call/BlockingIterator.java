package io.quicidl.runtime.call;

import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;

/** An iterator over an {@link InboundBuffer}, for response and request streams. */
final class BlockingIterator<T> implements Iterator<T> {
    private final InboundBuffer<T> buffer;
    private final Runnable onInterrupt;
    private T next;
    private boolean finished;

    private BlockingIterator(InboundBuffer<T> buffer, Runnable onInterrupt) {
        this.buffer = buffer;
        this.onInterrupt = onInterrupt;
    }

    /**
     * The single iterator of {@code buffer}; {@code taken} guards against a second one.
     *
     * @param onInterrupt cancels the call when the reading thread is interrupted
     */
    static <T> Iterator<T> once(AtomicBoolean taken, InboundBuffer<T> buffer, Runnable onInterrupt) {
        if (!taken.compareAndSet(false, true)) {
            throw new IllegalStateException("the stream can be iterated only once");
        }
        return new BlockingIterator<>(buffer, onInterrupt);
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        try {
            next = buffer.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onInterrupt.run();
            throw new StatusException(StatusCode.CANCELLED, "interrupted while waiting for a message");
        }
        finished = next == null;
        return !finished;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T item = next;
        next = null;
        return item;
    }
}
