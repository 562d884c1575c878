package io.quicidl.runtime;

/**
 * What a {@link ClientInterceptor} sees of a call before anything is sent: the method, the call
 * options, and the request metadata, which an interceptor may replace for the interceptors after
 * it and the CALL frame. Valid only during {@link ClientInterceptor#interceptCall}; not
 * thread-safe.
 */
public interface ClientCallInfo {
    /** The method called: name, service, pattern, {@code @idempotent}. */
    MethodDescriptor<?, ?> method();

    /** The caller's options (timeout, response metadata receiver). */
    CallOptions options();

    /** The request metadata as the caller and the interceptors before this one left it. */
    Metadata requestMetadata();

    /** Replaces the request metadata sent in the CALL frame (and seen by the next interceptors). */
    void setRequestMetadata(Metadata metadata);
}
