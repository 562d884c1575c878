package io.quicidl.runtime.call;

import io.quicidl.runtime.ResponseStream;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** A response stream of {@code 0 .. count-1} made on demand, for the publisher TCK runs. */
final class CountingStream implements ResponseStream<Integer> {
    private final long count;

    CountingStream(long count) {
        this.count = count;
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Integer next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return (int) next++;
            }
        };
    }

    @Override
    public void close() {}
}
