package io.quicidl.runtime.transport;

import io.quicidl.runtime.wire.ResponseHeaderFrame;

/**
 * Client side: receives the server-opened response streams of one {@code @unordered} call
 * (SPEC.md §5.6). Runs on the stream's event loop and must not block.
 */
public interface UnorderedResponseHandler {
    /** A response stream of this call arrived; returns the listener for its later frames. */
    StreamListener acceptResponse(StreamPort port, ResponseHeaderFrame header);
}
