package io.quicidl.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-call settings on the client: timeout and request metadata. Immutable; the {@code with}
 * methods return copies.
 */
public final class CallOptions {
    /** No timeout beyond the method's default, no metadata. */
    public static final CallOptions DEFAULT = new CallOptions(null, Metadata.empty(), null);

    private final Duration timeout;
    private final Metadata metadata;
    private final ResponseMetadata responseMetadata;

    private CallOptions(Duration timeout, Metadata metadata, ResponseMetadata responseMetadata) {
        this.timeout = timeout;
        this.metadata = metadata;
        this.responseMetadata = responseMetadata;
    }

    /**
     * These options with a timeout, counted from the moment the call starts. It replaces the
     * method's default deadline and travels to the server as {@code timeout_micros} (SPEC.md §7.2).
     */
    public CallOptions withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new CallOptions(timeout, metadata, responseMetadata);
    }

    /** These options with request metadata sent in the CALL frame. */
    public CallOptions withMetadata(Metadata metadata) {
        return new CallOptions(timeout, Objects.requireNonNull(metadata), responseMetadata);
    }

    /**
     * These options with a receiver for the response's headers and trailers (calls with a
     * response half). Use a new {@link ResponseMetadata} for each call.
     */
    public CallOptions withResponseMetadata(ResponseMetadata responseMetadata) {
        return new CallOptions(timeout, metadata, Objects.requireNonNull(responseMetadata));
    }

    /** Where response headers and trailers go, if set. */
    public Optional<ResponseMetadata> responseMetadata() {
        return Optional.ofNullable(responseMetadata);
    }

    /** The timeout set here, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** Request metadata. */
    public Metadata metadata() {
        return metadata;
    }
}
