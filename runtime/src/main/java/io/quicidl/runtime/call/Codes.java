package io.quicidl.runtime.call;

import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.wire.ErrorCode;
import java.util.concurrent.CompletionException;

/** Maps between the application error codes of resets and stops and call statuses (SPEC.md §4). */
final class Codes {
    private Codes() {}

    /** The status a call fails with when the peer aborted one of its halves with {@code code} (§4.2). */
    static StatusCode statusOf(ErrorCode code) {
        return switch (code) {
            case CANCELLED, STALE -> StatusCode.CANCELLED;
            case DEADLINE_EXCEEDED -> StatusCode.DEADLINE_EXCEEDED;
            case RESOURCE_EXHAUSTED -> StatusCode.RESOURCE_EXHAUSTED;
            case REFUSED, SHUTDOWN, UNRESPONSIVE, EXCESSIVE_LOAD -> StatusCode.UNAVAILABLE;
            case FAILED -> StatusCode.UNKNOWN;
            case NO_ERROR, PROTOCOL_ERROR, INTERNAL -> StatusCode.INTERNAL;
        };
    }

    /** The failure of a call whose peer reset or stopped a half with {@code code}. */
    static StatusException peerAborted(ErrorCode code, String how) {
        return new StatusException(statusOf(code), "peer " + how + " the stream with " + code);
    }

    /** The failure for a frame-layer error on a received half ({@code FrameException} codes, §5.8). */
    static StatusException receiveFailure(ErrorCode code, String detail) {
        StatusCode status = code == ErrorCode.RESOURCE_EXHAUSTED ? StatusCode.RESOURCE_EXHAUSTED : StatusCode.INTERNAL;
        return new StatusException(status, detail);
    }

    /** The failure of a call whose stream could not be opened: the transport's status, else UNAVAILABLE. */
    static StatusException openFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StatusException e) {
            return e;
        }
        return new StatusException(
                StatusCode.UNAVAILABLE, "cannot open a stream: " + cause, Metadata.empty(), null, cause);
    }
}
