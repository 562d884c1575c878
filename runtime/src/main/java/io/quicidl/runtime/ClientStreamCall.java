package io.quicidl.runtime;

/**
 * The client side of a running {@code @client_streaming} call. Use from one thread at a time
 * (not an event loop): {@link #send} any number of times, then {@link #complete()} for the
 * response, or {@link #cancel()} at any time (from any thread).
 */
public interface ClientStreamCall<Req, Resp> {
    /**
     * Sends one request message. Blocks while the stream has no flow-control credit. If the
     * server already answered (early response), the message is dropped silently.
     *
     * @throws StatusException when the call already failed or was cancelled
     */
    void send(Req message);

    /**
     * Finishes the request stream and waits for the response.
     *
     * @throws StatusException (or the method's {@link DeclaredError}) when the call failed
     */
    Resp complete();

    /** Cancels the call: resets the request half and stops the response half with CANCELLED. */
    void cancel();
}
