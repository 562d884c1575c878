package io.quicidl.runtime;

/**
 * Receives a call's response metadata on the client: the HEADERS the server sent before its
 * responses and the trailers of its STATUS (SPEC.md §3), on success as on failure. Create one
 * per call, pass it with {@link CallOptions#withResponseMetadata}, and read it once the call has
 * ended (or, for headers, once the first response arrived). Thread-safe.
 */
public final class ResponseMetadata {
    private volatile Metadata headers = Metadata.empty();
    private volatile Metadata trailers = Metadata.empty();

    /** The response headers, empty when the server sent none (yet). */
    public Metadata headers() {
        return headers;
    }

    /** The trailers of the call's STATUS, empty when it had none or has not ended yet. */
    public Metadata trailers() {
        return trailers;
    }

    /** For the runtime's call layer: the HEADERS frame arrived. */
    public void headersReceived(Metadata metadata) {
        headers = metadata;
    }

    /** For the runtime's call layer: the STATUS frame arrived. */
    public void trailersReceived(Metadata metadata) {
        trailers = metadata;
    }

    @Override
    public String toString() {
        return "ResponseMetadata[headers " + headers + ", trailers " + trailers + "]";
    }
}
