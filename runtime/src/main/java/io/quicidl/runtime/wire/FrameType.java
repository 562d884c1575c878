package io.quicidl.runtime.wire;

/** The frame types of wire protocol v1 (SPEC.md §2). */
public enum FrameType {
    CALL(0x01),
    MESSAGE(0x02),
    STATUS(0x03),
    RESPONSE_HEADER(0x04),
    HEADERS(0x05),
    SETTINGS(0x06),
    GOAWAY(0x07),
    DRAINED(0x08),
    STREAM_STOPPED(0x09),
    PING(0x0a),
    PONG(0x0b);

    private static final FrameType[] BY_VALUE = new FrameType[0x0c];

    static {
        for (FrameType type : values()) {
            BY_VALUE[type.value] = type;
        }
    }

    private final int value;

    FrameType(int value) {
        this.value = value;
    }

    /** The type's wire value. */
    public int value() {
        return value;
    }

    /** Whether frames of this type belong on a control stream (SPEC.md §6.1). */
    public boolean isControl() {
        return value >= SETTINGS.value;
    }

    /** The type with this wire value, or {@code null} when v1 defines none. */
    public static FrameType of(long value) {
        return value > 0 && value < BY_VALUE.length ? BY_VALUE[(int) value] : null;
    }
}
