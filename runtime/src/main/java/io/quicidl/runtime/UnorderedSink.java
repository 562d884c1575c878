package io.quicidl.runtime;

/**
 * Where an {@code @unordered} handler writes its responses (SPEC.md §5.6). Each response goes on
 * its own server stream, so the client gets them in the order they finish. Thread-safe: many
 * threads may send at once. Valid until the handler returns; a handler that hands it to other
 * threads must wait for their sends before returning.
 */
public interface UnorderedSink<T> {
    /**
     * Sends one response on a new stream. Up to 8 responses of a call may wait for their stream
     * or for flow-control credit; beyond that this blocks. A response whose stream cannot be
     * opened fails a later {@code send} or the call's status.
     *
     * @param index the response's index, unique within the call (e.g. a block number)
     * @throws StatusException once the call is over for the client
     * @throws IllegalArgumentException when {@code index} was used before in this call
     */
    void send(long index, T value);
}
