package io.quicidl.runtime.call;

/** The Reactive Streams TCK's waits: generous for signals that must come (a loaded 2-core box). */
final class Tck {
    static final long TIMEOUT_MILLIS = 2_000;
    /** How long the TCK watches for a signal that must not come. */
    static final long NO_SIGNAL_MILLIS = 100;

    private Tck() {}
}
