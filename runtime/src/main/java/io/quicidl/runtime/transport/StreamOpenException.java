package io.quicidl.runtime.transport;

import io.quicidl.runtime.StatusCode;

/**
 * A call stream could not be opened: the connection is closing or closed, or the peer refused
 * new streams. Carries the status the call fails with.
 */
public final class StreamOpenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StatusCode status;

    public StreamOpenException(StatusCode status, String message) {
        super(message);
        this.status = status;
    }

    /** The status the call should fail with (UNAVAILABLE). */
    public StatusCode status() {
        return status;
    }
}
