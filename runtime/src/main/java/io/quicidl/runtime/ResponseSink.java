package io.quicidl.runtime;

/**
 * Where a server handler writes its responses, in order. Use from the handler's thread (or one
 * thread at a time); it is valid until the handler returns.
 */
public interface ResponseSink<T> {
    /**
     * Sends one response. Blocks while the stream has no flow-control credit.
     *
     * @throws StatusException CANCELLED (or DEADLINE_EXCEEDED, UNAVAILABLE) once the call is over
     *     for the client: the handler should stop; RESOURCE_EXHAUSTED when the message is larger
     *     than the client accepts
     */
    void send(T message);
}
