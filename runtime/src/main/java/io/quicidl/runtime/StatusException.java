package io.quicidl.runtime;

/**
 * A call ended with a status other than OK (SPEC.md §4.2). Thrown by the client helpers and by
 * server-side sinks and streams; a handler may throw one to end its call with that status.
 */
public class StatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StatusCode code;
    private final String description;
    private final transient Metadata trailers;
    private final transient ErrorDetail errorDetail;

    /** A status with a code and a human-readable description. */
    public StatusException(StatusCode code, String description) {
        this(code, description, Metadata.empty(), null, null);
    }

    /**
     * A status with everything a STATUS frame carries.
     *
     * @param errorDetail a declared error that could not be mapped to its type, or {@code null}
     * @param cause a local cause, never sent to the peer, or {@code null}
     */
    public StatusException(
            StatusCode code, String description, Metadata trailers, ErrorDetail errorDetail, Throwable cause) {
        super(code + (description.isEmpty() ? "" : ": " + description), cause);
        if (code == StatusCode.OK) {
            throw new IllegalArgumentException("a StatusException cannot carry OK");
        }
        this.code = code;
        this.description = description;
        this.trailers = trailers;
        this.errorDetail = errorDetail;
    }

    /** The status code. */
    public StatusCode code() {
        return code;
    }

    /** The human-readable description, possibly empty. */
    public String description() {
        return description;
    }

    /** Trailing metadata the server sent with the status; empty when none. */
    public Metadata trailers() {
        return trailers;
    }

    /** A declared error whose type the client did not know, or {@code null}. */
    public ErrorDetail errorDetail() {
        return errorDetail;
    }
}
