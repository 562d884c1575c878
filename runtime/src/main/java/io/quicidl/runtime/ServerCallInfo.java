package io.quicidl.runtime;

/**
 * What a {@link ServerInterceptor} sees of a call before its handler runs: the method, the
 * handler's context (peer address and certificates, deadline, response headers and trailers),
 * and the request metadata, which an interceptor may replace for the interceptors after it and
 * the handler. Valid only during {@link ServerInterceptor#interceptCall}; not thread-safe.
 */
public interface ServerCallInfo {
    /** The method called: name, service, pattern, {@code @idempotent}. */
    MethodDescriptor<?, ?> method();

    /**
     * The handler's context. {@link ServerCallContext#setResponseHeaders} and
     * {@link ServerCallContext#setTrailers} set response metadata here (a handler that sets its
     * own replaces it).
     */
    ServerCallContext context();

    /** The request metadata as the interceptors before this one left it. */
    Metadata requestMetadata();

    /** Replaces the request metadata the next interceptors and the handler see. */
    void setRequestMetadata(Metadata metadata);
}
