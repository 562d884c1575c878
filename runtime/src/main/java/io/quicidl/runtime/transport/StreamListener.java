package io.quicidl.runtime.transport;

import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;

/**
 * Receives the events of one stream. Every method runs on the stream's event loop and must not
 * block. Frames are delivered only after {@link StreamPort#requestRead()} asked for them.
 */
public interface StreamListener {
    /** A whole frame arrived; the listener owns (and must release) it. */
    void onFrame(Frame frame);

    /** The peer finished its send half (FIN) after the last frame delivered. */
    void onFin();

    /**
     * The receive half failed: the peer reset its send half ({@code peerReset} true, with the
     * peer's code), or the bytes broke the frame layer (a {@code FrameException}'s code).
     */
    void onReceiveAborted(ErrorCode code, boolean peerReset, String detail);

    /**
     * The peer stopped our send half (STOP_SENDING), learned from its STREAM_STOPPED frame or a
     * failed write. {@code status} is the call status it carried, or {@code null}.
     */
    void onStopped(ErrorCode code, StatusCode status, String statusMessage);

    /** The send half became writable again. */
    void onWritable();

    /**
     * The connection is gone (peer close, lost peer, local close): the call fails at once.
     *
     * @param code the status to fail with, normally UNAVAILABLE
     * @param description names the peer's code and reason when there was one
     */
    void onConnectionLost(StatusCode code, String description);
}
