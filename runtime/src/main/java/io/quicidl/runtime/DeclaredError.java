package io.quicidl.runtime;

/**
 * Base class of the exceptions generated for a schema's {@code error} types. A handler throws
 * one; it travels as STATUS FAILED_PRECONDITION with an {@link ErrorDetail} (SPEC.md §4.2) and
 * the client re-throws it as the same class when the method's {@link MethodDescriptor} lists its
 * {@link ErrorType}. Stack traces are not filled: a declared error is an expected outcome, not a
 * bug, and its stack never leaves the server.
 */
public abstract class DeclaredError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message human-readable text; sent to the client as the status message */
    protected DeclaredError(String message) {
        super(message, null, false, false);
    }

    /** The schema type of this error: its name and codec. */
    public abstract ErrorType<?> errorType();
}
