package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.wire.CallFrame;

/**
 * Server side: hands call streams a client opened to the call layer, once their CALL frame is
 * known. One router per server. Runs on the stream's event loop and must not block.
 */
public interface CallRouter {
    /**
     * A client opened a call stream that starts with {@code call}. The returned listener
     * receives the stream's later frames and events. Unknown methods are answered by the router
     * itself (SPEC.md §5.1), which then returns a listener that discards the rest.
     */
    StreamListener acceptCall(StreamPort port, CallFrame call);

    /**
     * Whether a call of {@code method} may run on data that may have come as 0-RTT early data,
     * before the handshake completed: only {@code @idempotent} methods (SPEC.md §9). The
     * transport holds every other call until the handshake completes.
     */
    default boolean mayRunBeforeHandshake(String method) {
        return false;
    }

    /**
     * A QUIC DATAGRAM arrived on {@code connection} ({@code @realtime(delivery = datagram)},
     * SPEC.md §5.9). The router owns {@code payload} and releases it. Event loop.
     */
    default void acceptDatagram(CallConnection connection, ByteBuf payload) {
        payload.release();
    }
}
