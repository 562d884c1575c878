package io.quicidl.runtime;

/**
 * Sees every call made on a channel from {@link Channel#intercept}, before anything is sent. The
 * first interceptor given is the outermost: it sees the call first, and the request metadata it
 * sets is what the next ones see. Generated stubs take the intercepted channel as they take any
 * other.
 *
 * <p>It runs on the thread that starts the call (the stub method's caller; for a
 * {@code Flow.Publisher} of responses, the subscriber's first {@code request}).
 */
@FunctionalInterface
public interface ClientInterceptor {
    /**
     * Looks at a call about to start, may replace its request metadata, and returns what it wants
     * to observe of it ({@link CallListener#NONE} for nothing).
     *
     * @throws StatusException to fail the call before it is sent: the stub method throws it
     *     (nothing goes on the wire). The listeners of the interceptors before it see it in
     *     {@code onClose}.
     */
    CallListener interceptCall(ClientCallInfo call);
}
