package io.quicidl.runtime;

/** The outcome of a call, numbered as in gRPC (SPEC.md §4.2). */
public enum StatusCode {
    OK(0),
    CANCELLED(1),
    UNKNOWN(2),
    INVALID_ARGUMENT(3),
    DEADLINE_EXCEEDED(4),
    NOT_FOUND(5),
    ALREADY_EXISTS(6),
    PERMISSION_DENIED(7),
    RESOURCE_EXHAUSTED(8),
    FAILED_PRECONDITION(9),
    ABORTED(10),
    OUT_OF_RANGE(11),
    UNIMPLEMENTED(12),
    INTERNAL(13),
    UNAVAILABLE(14),
    DATA_LOSS(15),
    UNAUTHENTICATED(16);

    private static final StatusCode[] BY_VALUE = values();

    private final int value;

    StatusCode(int value) {
        this.value = value;
    }

    /** The code's wire value. */
    public int value() {
        return value;
    }

    /** The code with this wire value; unknown values read as {@link #UNKNOWN} (SPEC.md §4.2). */
    public static StatusCode of(long value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[(int) value] : UNKNOWN;
    }
}
