package io.quicidl.runtime;

/**
 * The client side of a running {@code @notifications} call: an ordered stream of messages with
 * no response (SPEC.md §5.5). Use from one thread at a time (not an event loop);
 * {@link #cancel()} may come from any thread.
 */
public interface NotificationSink<T> {
    /**
     * Sends one message. Blocks while the stream has no flow-control credit.
     *
     * @throws StatusException when the server stopped the stream (its status, such as
     *     UNIMPLEMENTED or INTERNAL, when it sent one), the deadline passed or the call was cancelled
     */
    void send(T message);

    /**
     * Finishes the stream (FIN) behind the messages sent. Returns at once; delivery is guaranteed
     * by the connection's close handshake, not by this call (SPEC.md §5.5).
     *
     * @throws StatusException when the call had already failed
     */
    void complete();

    /** Cancels the call: resets the stream with CANCELLED. */
    void cancel();
}
