package io.quicidl.runtime;

import java.time.Duration;

/**
 * Safe limits for one endpoint (SPEC.md §7.3). Start from {@link #defaults()} and change what
 * you need with the {@code with…} methods.
 *
 * @param maxMessageBytes largest MESSAGE payload accepted; methods may override with
 *     {@code @max_message_bytes}
 * @param maxMetadataBytes largest request or response metadata accepted (SPEC.md §7.1)
 * @param maxConcurrentBidiStreams bidi call streams the peer may have open at once
 * @param maxConcurrentUniStreams uni streams the peer may have open at once
 * @param idleTimeout QUIC idle timeout: a silent connection closes after it
 * @param handshakeTimeout how long a connect may take
 * @param streamWindowBytes QUIC flow-control window per stream (memory per stream is bounded by it)
 * @param connectionWindowBytes QUIC flow-control window per connection
 */
public record Limits(
        int maxMessageBytes,
        int maxMetadataBytes,
        int maxConcurrentBidiStreams,
        int maxConcurrentUniStreams,
        Duration idleTimeout,
        Duration handshakeTimeout,
        long streamWindowBytes,
        long connectionWindowBytes) {

    public Limits {
        requirePositive(maxMessageBytes, "maxMessageBytes");
        requirePositive(maxMetadataBytes, "maxMetadataBytes");
        requirePositive(maxConcurrentBidiStreams, "maxConcurrentBidiStreams");
        requirePositive(maxConcurrentUniStreams, "maxConcurrentUniStreams");
        requirePositive(streamWindowBytes, "streamWindowBytes");
        requirePositive(connectionWindowBytes, "connectionWindowBytes");
        if (idleTimeout.isNegative()
                || idleTimeout.isZero()
                || handshakeTimeout.isNegative()
                || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "timeouts must be positive: idle " + idleTimeout + ", handshake " + handshakeTimeout);
        }
    }

    /** 4 MiB messages, 8 KiB metadata, 100 + 100 streams, 30 s idle, 10 s handshake, 2/16 MiB windows. */
    public static Limits defaults() {
        return new Limits(
                4 << 20, 8 << 10, 100, 100, Duration.ofSeconds(30), Duration.ofSeconds(10), 2L << 20, 16L << 20);
    }

    public Limits withMaxMessageBytes(int value) {
        return new Limits(
                value,
                maxMetadataBytes,
                maxConcurrentBidiStreams,
                maxConcurrentUniStreams,
                idleTimeout,
                handshakeTimeout,
                streamWindowBytes,
                connectionWindowBytes);
    }

    public Limits withMaxMetadataBytes(int value) {
        return new Limits(
                maxMessageBytes,
                value,
                maxConcurrentBidiStreams,
                maxConcurrentUniStreams,
                idleTimeout,
                handshakeTimeout,
                streamWindowBytes,
                connectionWindowBytes);
    }

    public Limits withMaxConcurrentStreams(int bidi, int uni) {
        return new Limits(
                maxMessageBytes,
                maxMetadataBytes,
                bidi,
                uni,
                idleTimeout,
                handshakeTimeout,
                streamWindowBytes,
                connectionWindowBytes);
    }

    public Limits withIdleTimeout(Duration value) {
        return new Limits(
                maxMessageBytes,
                maxMetadataBytes,
                maxConcurrentBidiStreams,
                maxConcurrentUniStreams,
                value,
                handshakeTimeout,
                streamWindowBytes,
                connectionWindowBytes);
    }

    public Limits withHandshakeTimeout(Duration value) {
        return new Limits(
                maxMessageBytes,
                maxMetadataBytes,
                maxConcurrentBidiStreams,
                maxConcurrentUniStreams,
                idleTimeout,
                value,
                streamWindowBytes,
                connectionWindowBytes);
    }

    public Limits withWindows(long streamBytes, long connectionBytes) {
        return new Limits(
                maxMessageBytes,
                maxMetadataBytes,
                maxConcurrentBidiStreams,
                maxConcurrentUniStreams,
                idleTimeout,
                handshakeTimeout,
                streamBytes,
                connectionBytes);
    }

    /** Largest payload of any frame but MESSAGE (SPEC.md §7.3). */
    public int maxControlFrameBytes() {
        return maxMetadataBytes + 4096;
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
