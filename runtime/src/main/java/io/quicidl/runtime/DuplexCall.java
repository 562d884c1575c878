package io.quicidl.runtime;

/**
 * The client side of a running {@code @duplex} call: a request sink and a {@link ResponseStream}
 * at once. Sending and reading may happen on two different threads; {@link #send} and
 * {@link #complete()} must not be called concurrently with each other. {@link #close()} (or
 * {@link #cancel()}) cancels the call unless it has ended; a caller that reads the responses to
 * their end need not close.
 */
public interface DuplexCall<Req, Resp> extends ResponseStream<Resp> {
    /**
     * Sends one request message. Blocks while the stream has no flow-control credit. Dropped
     * silently once the server has ended the call successfully.
     *
     * @throws StatusException when the call failed or was cancelled
     */
    void send(Req message);

    /** Finishes the request half (FIN). Responses keep arriving until the server ends. */
    void complete();

    /** Cancels the call: resets the request half and stops the response half (SPEC.md §5.4). */
    void cancel();
}
