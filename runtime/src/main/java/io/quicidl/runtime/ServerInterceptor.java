package io.quicidl.runtime;

/**
 * Sees every call of a server before its handler, registered in order with
 * {@link Server.Builder#intercept} or {@link InProcessServer.Builder#intercept}. The first
 * registered is the outermost: it sees the call first, and its
 * {@link ServerCallListener#runHandler} wraps all the others'. Without interceptors a server adds
 * nothing to its calls.
 *
 * <p>It runs on the handler's thread right before the handler (the event loop for an async
 * {@code @unary} handler, so it must not block there). A call cancelled before its handler
 * started never reaches the interceptors.
 */
@FunctionalInterface
public interface ServerInterceptor {
    /**
     * Looks at a call about to run, may replace its request metadata or set response metadata,
     * and returns what it wants to observe of it ({@link ServerCallListener#NONE} for nothing).
     *
     * @throws StatusException to refuse the call: the handler never runs, and the client gets that
     *     status as from a failing handler (STATUS on the response half; for {@code @notifications}
     *     and {@code @realtime}, STOP_SENDING FAILED with a STREAM_STOPPED carrying the status,
     *     SPEC.md §5.5, §5.7). The listeners
     *     of the interceptors before it see it in {@code onClose}.
     */
    ServerCallListener interceptCall(ServerCallInfo call);
}
