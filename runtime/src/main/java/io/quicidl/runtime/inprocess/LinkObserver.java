package io.quicidl.runtime.inprocess;

import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameType;

/**
 * Sees what crosses an in-process link, for tests: frames as the receiver decoded them, and FIN,
 * RESET_STREAM and STOP_SENDING as they were issued. Called on any thread, under the half's lock:
 * implementations record and return.
 */
public interface LinkObserver {
    /** What happened to a half. */
    enum Kind {
        FRAME,
        FIN,
        RESET,
        STOP
    }

    /** Observes nothing. */
    LinkObserver NONE = new LinkObserver() {
        @Override
        public void event(long streamId, boolean fromClient, Kind kind, ErrorCode code, FrameType frameType) {}

        @Override
        public void violation(String what) {}
    };

    /**
     * An event of the half of {@code streamId} that the client sends ({@code fromClient}) or the
     * server sends; for STOP, the half that was stopped. {@code code} is set for RESET and STOP,
     * {@code frameType} for FRAME.
     */
    void event(long streamId, boolean fromClient, Kind kind, ErrorCode code, FrameType frameType);

    /** A misuse of the transport by the call layer, such as a second release or a write after FIN. */
    void violation(String what);
}
