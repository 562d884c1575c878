package io.quicidl.runtime.transport;

import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ResponseHeaderFrame;

/**
 * Hands streams the peer opened to the call layer, once their first frame is known. One router
 * per endpoint. Methods run on the stream's event loop and must not block.
 */
public interface CallRouter {
    /**
     * Server side: a client opened a call stream that starts with {@code call}. The returned
     * listener receives the stream's later frames and events. Unknown methods are answered by
     * the router itself (SPEC.md §5.1).
     */
    StreamListener acceptCall(StreamPort port, CallFrame call);

    /**
     * Client side: the server opened an {@code @unordered} response stream (SPEC.md §5.6).
     * Returns the listener of the call it belongs to, or {@code null} when no such call is
     * running (the transport then stops the stream with CANCELLED).
     */
    StreamListener acceptUnorderedResponse(StreamPort port, ResponseHeaderFrame header);
}
