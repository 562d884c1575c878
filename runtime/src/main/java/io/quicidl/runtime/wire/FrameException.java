package io.quicidl.runtime.wire;

import io.netty.handler.codec.DecoderException;

/**
 * A stream or connection broke the wire protocol, or exceeded a limit. Carries the application
 * error code the receiver uses to abort (SPEC.md §5.8): {@link ErrorCode#PROTOCOL_ERROR} or
 * {@link ErrorCode#RESOURCE_EXHAUSTED}.
 */
public final class FrameException extends DecoderException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public FrameException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public FrameException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The code to reset and stop with. */
    public ErrorCode code() {
        return code;
    }
}
