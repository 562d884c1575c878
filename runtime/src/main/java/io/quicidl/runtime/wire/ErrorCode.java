package io.quicidl.runtime.wire;

/**
 * Application error codes for RESET_STREAM, STOP_SENDING and CONNECTION_CLOSE (SPEC.md §4.1).
 * Every value fits a Java {@code int}, as Netty's QUIC API needs.
 */
public enum ErrorCode {
    NO_ERROR(0x00),
    CANCELLED(0x01),
    STALE(0x02),
    DEADLINE_EXCEEDED(0x03),
    RESOURCE_EXHAUSTED(0x04),
    PROTOCOL_ERROR(0x05),
    REFUSED(0x06),
    INTERNAL(0x07),
    FAILED(0x08),
    SHUTDOWN(0x09),
    UNRESPONSIVE(0x0a),
    EXCESSIVE_LOAD(0x0b);

    private final int value;

    ErrorCode(int value) {
        this.value = value;
    }

    /** The code's wire value. */
    public int value() {
        return value;
    }

    /** The code with this wire value; unknown values read as {@link #INTERNAL} (SPEC.md §4.1). */
    public static ErrorCode of(long value) {
        for (ErrorCode code : values()) {
            if (code.value == value) {
                return code;
            }
        }
        return INTERNAL;
    }
}
