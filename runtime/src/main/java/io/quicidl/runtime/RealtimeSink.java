package io.quicidl.runtime;

/**
 * The client side of a running {@code @realtime} call (SPEC.md §5.7): each message travels on
 * its own stream, and a newer message supersedes older ones still in flight. Use from one thread
 * at a time (not an event loop); {@link #cancel()} may come from any thread.
 */
public interface RealtimeSink<T> {
    /**
     * Sends one message on a new stream with the highest priority, resetting older streams of
     * this call that are still sending with STALE. Never waits for older messages; waits only
     * for stream credit.
     *
     * @throws StatusException when the server failed the call, the deadline passed or the call
     *     was cancelled
     */
    void send(T message);

    /** Ends the call with the {@code realtime_end} stream. */
    void complete();

    /** Cancels the call: resets the streams still sending with CANCELLED, then ends it. */
    void cancel();
}
