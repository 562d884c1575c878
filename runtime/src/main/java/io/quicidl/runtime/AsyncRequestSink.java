package io.quicidl.runtime;

import java.util.concurrent.CompletionStage;

/**
 * The request side of an asynchronous call where the client streams, returned when the call
 * starts: the non-blocking form of the blocking stubs' sinks (compare gRPC-java's request
 * {@code StreamObserver}, with flow control visible). Every method returns at once and may be
 * called from any thread, an event loop included; messages go out in the order of the
 * {@link #send} calls.
 *
 * <p>Backpressure: the stage {@link #send} returns completes when QUIC flow control took the
 * message, as the blocking sink's {@code send} returns. Send the next message when it completes
 * (for example {@code stage = stage.thenCompose(v -> sink.send(next))}). At most
 * {@value #MAX_PENDING} messages may wait for flow control; one more fails the whole call with
 * an {@link IllegalStateException} that says so, rather than buffer without bound or drop it.
 *
 * <p>An empty request stream ({@link #complete()} with no {@link #send}) is legal in the protocol
 * and is sent as such.
 */
public interface AsyncRequestSink<T> {
    /** How many sent messages may wait for flow control at once. */
    int MAX_PENDING = 16;

    /**
     * Queues one message behind those already sent. Never blocks.
     *
     * @return completes (on the client's handler executor) when flow control took the message, or
     *     once the server ended the call successfully and needs no more requests; fails with the
     *     call's failure ({@link StatusException}, or the method's {@link DeclaredError}) when
     *     the call failed or was cancelled before
     * @throws IllegalStateException after {@link #complete()}
     * @throws NullPointerException for a {@code null} message
     */
    CompletionStage<Void> send(T message);

    /**
     * Finishes the request stream behind the messages sent (FIN once they are out). Never
     * blocks; a second call is a no-op. The call's result says how it ended.
     */
    void complete();

    /**
     * Cancels the call (as the blocking handle's {@code cancel()}): messages still waiting are
     * dropped and their stages fail, as does the call's result. A no-op once the call ended.
     */
    void cancel();
}
