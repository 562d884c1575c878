package io.quicidl.runtime;

/**
 * What an interceptor observes of one call, client or server side: the messages and the final
 * status. An interceptor returns one per call ({@link ClientInterceptor#interceptCall},
 * {@link ServerInterceptor#interceptCall}); all methods default to doing nothing.
 *
 * <p>Threads: the methods run on whichever thread the event happens on, possibly a connection's
 * event loop and possibly with the call's internal lock held, so they must return quickly, never
 * block and never call back into the call (record, don't act). A listener that throws is logged
 * and the call goes on.
 *
 * <p>Order in a chain (first registered = outermost): {@link #onRequest} reaches the outermost
 * listener first, {@link #onResponse} and {@link #onClose} the innermost first, on both sides.
 */
public interface CallListener {
    /** A listener that observes nothing; the runtime then adds no per-message hook for it. */
    CallListener NONE = new CallListener() {
        @Override
        public boolean observesMessages() {
            return false;
        }
    };

    /**
     * Whether {@link #onRequest} and {@link #onResponse} should be called. Only when some
     * listener of a call says {@code true} does the runtime hook that call's messages.
     */
    default boolean observesMessages() {
        return true;
    }

    /**
     * A request message: on the client when the call layer took it for sending, on the server
     * when the handler received it.
     *
     * @param encodedSize its size as a MESSAGE payload, in bytes (protobuf encoding)
     */
    default void onRequest(Object request, int encodedSize) {}

    /**
     * A response message: on the client when it arrived, on the server when the handler's send
     * (or return) handed it to the call layer. For {@code @unordered} it is the response value.
     *
     * @param encodedSize its size as a MESSAGE payload, in bytes (protobuf encoding)
     */
    default void onResponse(Object response, int encodedSize) {}

    /**
     * The call is over, called exactly once: {@code OK}, the status the peer or the handler ended
     * it with, {@code CANCELLED} / {@code DEADLINE_EXCEEDED} for cancels, resets and stops (the
     * description names the stream code), {@code UNAVAILABLE} for a lost connection. A declared
     * error is {@code FAILED_PRECONDITION}; any other exception {@code INTERNAL}.
     *
     * @param description the status message, empty for OK
     */
    default void onClose(StatusCode code, String description) {}
}
