package io.quicidl.runtime.call;

import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameType;
import java.util.ArrayList;
import java.util.List;

/**
 * What crossed the wire between a test's two connections: frames as the receiver decoded them,
 * and FIN, RESET_STREAM and STOP_SENDING as the sender issued them. Each event names the half
 * it belongs to by stream id and sending side. Thread-safe. A transport under test fills it
 * (the in-memory one here, the QUIC one from its wire tap).
 */
final class WireRecord {
    enum Kind {
        FRAME,
        FIN,
        RESET,
        STOP
    }

    /**
     * @param fromClient whether the half is sent by the client (for STOP: the half the server stopped)
     * @param code the RESET or STOP code, else {@code null}
     * @param frameType the frame type for FRAME events, else {@code null}
     */
    record Event(long streamId, boolean fromClient, Kind kind, ErrorCode code, FrameType frameType) {
        @Override
        public String toString() {
            return streamId
                    + (fromClient ? " c>s " : " s>c ")
                    + kind
                    + (code != null ? " " + code : "")
                    + (frameType != null ? " " + frameType : "");
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    synchronized void add(Event event) {
        events.add(event);
    }

    /** A misuse of the transport by the call layer, such as a second release. */
    synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Streams whose sending side sent a frame of {@code type}, in order of first appearance. */
    synchronized List<Long> streamsWith(boolean fromClient, FrameType type) {
        List<Long> ids = new ArrayList<>();
        for (Event e : events) {
            if (e.kind == Kind.FRAME
                    && e.fromClient == fromClient
                    && e.frameType == type
                    && !ids.contains(e.streamId)) {
                ids.add(e.streamId);
            }
        }
        return ids;
    }

    /** The codes of RESET (or STOP) events of one half. */
    synchronized List<ErrorCode> codes(long streamId, boolean fromClient, Kind kind) {
        List<ErrorCode> codes = new ArrayList<>();
        for (Event e : events) {
            if (e.streamId == streamId && e.fromClient == fromClient && e.kind == kind) {
                codes.add(e.code);
            }
        }
        return codes;
    }

    /** Whether the half was finished with FIN. */
    synchronized boolean finished(long streamId, boolean fromClient) {
        return events.stream()
                .anyMatch(e -> e.streamId == streamId && e.fromClient == fromClient && e.kind == Kind.FIN);
    }

    /** The frame types received on one half, in order. */
    synchronized List<FrameType> frames(long streamId, boolean fromClient) {
        List<FrameType> types = new ArrayList<>();
        for (Event e : events) {
            if (e.streamId == streamId && e.fromClient == fromClient && e.kind == Kind.FRAME) {
                types.add(e.frameType);
            }
        }
        return types;
    }

    @Override
    public synchronized String toString() {
        return events + (violations.isEmpty() ? "" : " violations " + violations);
    }
}
