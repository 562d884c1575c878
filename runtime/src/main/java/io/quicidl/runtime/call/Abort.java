package io.quicidl.runtime.call;

import io.quicidl.runtime.wire.ErrorCode;

/**
 * How a finishing call treats the halves of its stream that are still open: reset the send half,
 * stop the receive half, both, or neither, each with a named code (SPEC.md §4.1). Immutable and
 * cached per code, so finishing a call allocates none.
 */
final class Abort {
    private static final ErrorCode[] CODES = ErrorCode.values();
    private static final Abort NONE = new Abort(null, null);
    private static final Abort[] BOTH = new Abort[CODES.length];
    private static final Abort[] RESET_ONLY = new Abort[CODES.length];
    private static final Abort[] STOP_ONLY = new Abort[CODES.length];

    static {
        for (ErrorCode code : CODES) {
            BOTH[code.ordinal()] = new Abort(code, code);
            RESET_ONLY[code.ordinal()] = new Abort(code, null);
            STOP_ONLY[code.ordinal()] = new Abort(null, code);
        }
    }

    private final ErrorCode reset;
    private final ErrorCode stop;

    private Abort(ErrorCode reset, ErrorCode stop) {
        this.reset = reset;
        this.stop = stop;
    }

    /** Leaves both halves as they are: the outcome is known and nothing needs telling. */
    static Abort none() {
        return NONE;
    }

    /** Resets the send half and stops the receive half with {@code code}, as a unit. */
    static Abort both(ErrorCode code) {
        return BOTH[code.ordinal()];
    }

    /** Resets the send half with {@code code}; the receive half is left alone. */
    static Abort resetOnly(ErrorCode code) {
        return RESET_ONLY[code.ordinal()];
    }

    /** Stops the receive half with {@code code}; the send half is left alone. */
    static Abort stopOnly(ErrorCode code) {
        return STOP_ONLY[code.ordinal()];
    }

    /** Whether this abort resets the send half. */
    boolean resets() {
        return reset != null;
    }

    /** The code the send half is reset with, else {@code fallback}. */
    ErrorCode resetCodeOr(ErrorCode fallback) {
        return reset != null ? reset : fallback;
    }

    /** Applies this abort to the halves of {@code stream} still open: reset first, then stop. */
    void apply(CallStream stream) {
        if (reset != null) {
            stream.reset(reset);
        }
        if (stop != null) {
            stream.stop(stop);
        }
    }

    /**
     * Applies this abort to a stream that opened after its call had finished: nothing was written
     * on it, so both halves go with the reset code, or the stream is just freed without one.
     */
    void applyUnopened(CallStream stream) {
        if (reset != null) {
            stream.abort(reset);
        }
    }

    @Override
    public String toString() {
        return "Abort[reset=" + reset + ", stop=" + stop + "]";
    }
}
