package io.quicidl.runtime;

/**
 * The responses of a call, in arrival order, read with a blocking iterator. Iterate from one
 * thread (not an event loop). {@code hasNext()} blocks until a response, the end, or the call's
 * failure arrives; a failure is thrown as {@link StatusException} (or the method's
 * {@link DeclaredError}) after the responses received before it.
 *
 * <p>The caller must {@link #close()} a stream it stops reading before the end: closing cancels
 * the call (SPEC.md §5.3, §5.6). Closing a stream that ended is a no-op. The iterator may be
 * obtained once.
 */
public interface ResponseStream<T> extends Iterable<T>, AutoCloseable {
    /** Cancels the call if it is still running. Never blocks; never throws. */
    @Override
    void close();
}
