package io.quicidl.runtime.transport;

import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.StreamStoppedFrame;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call streams of one connection that are in flight, both directions: the table that the
 * close handshake counts (SPEC.md §6.3), that a lost connection fails (§6.2), and that the peer's
 * STREAM_STOPPED frames are matched against (§5.1). Also routes the server's {@code @unordered}
 * response streams to their call (§5.6).
 *
 * <p>The stream table and the remembered stop codes are confined to the connection's event loop.
 * The {@code @unordered} routes are concurrent: the call layer adds and removes them from its own
 * threads.
 */
final class CallStreams {
    /** Bounds the stop codes remembered from STREAM_STOPPED frames whose stream has not failed a write yet. */
    private static final int MAX_REMEMBERED_STOPS = 1024;

    private final QuicConnection connection;
    private final Map<Long, NettyStreamPort> inFlight = new HashMap<>();
    private final Map<Long, UnorderedResponseHandler> unorderedCalls = new ConcurrentHashMap<>();
    private final Map<Long, ErrorCode> peerStopCodes = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ErrorCode> eldest) {
            return size() > MAX_REMEMBERED_STOPS;
        }
    };

    CallStreams(QuicConnection connection) {
        this.connection = connection;
    }

    /** A stream this side opened for a call. */
    void add(NettyStreamPort port) {
        inFlight.put(port.streamId(), port);
    }

    /** A call stream the peer opened was accepted; {@code detail} names what opened it, for the wire tap. */
    void accepted(NettyStreamPort port, String detail) {
        inFlight.put(port.streamId(), port);
        connection.record(WireEvent.Type.STREAM_OPENED, port.streamId(), 0, detail);
        // A server checks the client's liveness while it has calls, so a vanished client's calls end (SPEC.md §6.4).
        connection.liveness().start();
    }

    /** The call layer released a stream: it no longer counts as in flight. */
    void remove(NettyStreamPort port) {
        inFlight.remove(port.streamId());
    }

    /** How many call streams are in flight. */
    int size() {
        return inFlight.size();
    }

    /** Whether no call stream is in flight. */
    boolean isEmpty() {
        return inFlight.isEmpty();
    }

    /** The connection is gone: every call in flight fails at once (SPEC.md §6.2). */
    void failAll(StatusCode code, String description) {
        for (NettyStreamPort port : List.copyOf(inFlight.values())) {
            port.connectionLost(code, description);
        }
    }

    /** The peer's STREAM_STOPPED (SPEC.md §5.1): tells the stream, or remembers the code for its next failed write. */
    void peerStreamStopped(StreamStoppedFrame stopped) {
        NettyStreamPort port = inFlight.get(stopped.streamId());
        if (port != null) {
            port.peerStopped(stopped.code(), stopped.status(), stopped.statusMessage());
        } else {
            // Already released here (or not yet surfaced by Netty): remember the code for a later failed write.
            peerStopCodes.put(stopped.streamId(), stopped.code());
            connection.record(
                    WireEvent.Type.STOP_RECEIVED,
                    stopped.streamId(),
                    stopped.code().value(),
                    "");
        }
    }

    /** The code of a STREAM_STOPPED that arrived before its stream noticed the stop, or null. */
    ErrorCode takeStopCode(long streamId) {
        return peerStopCodes.remove(streamId);
    }

    /** Client: routes {@code @unordered} response streams naming {@code controlStreamId} to {@code handler}. */
    void expectUnorderedResponses(long controlStreamId, UnorderedResponseHandler handler) {
        unorderedCalls.put(controlStreamId, handler);
    }

    /** Client: stops routing response streams of this {@code @unordered} call. */
    void forgetUnorderedCall(long controlStreamId) {
        unorderedCalls.remove(controlStreamId);
    }

    /** The running {@code @unordered} call whose control stream is {@code controlStreamId}, or null. */
    UnorderedResponseHandler unorderedHandler(long controlStreamId) {
        return unorderedCalls.get(controlStreamId);
    }
}
