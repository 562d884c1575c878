package io.quicidl.runtime;

/**
 * A {@link CallListener} of a server call, which may also wrap the handler's invocation: to put
 * a context value in place around it (a tracing scope, a logging MDC) on the handler's own thread.
 */
public interface ServerCallListener extends CallListener {
    /** A listener that observes nothing and runs the handler as it is. */
    ServerCallListener NONE = new ServerCallListener() {
        @Override
        public boolean observesMessages() {
            return false;
        }
    };

    /**
     * Runs the handler: call {@code handler.run()} exactly once, on the calling thread, with what
     * it needs around it (try/finally). The calling thread is the handler's: a handler-executor
     * thread, or the event loop for an async {@code @unary} handler (whose invocation returns as
     * soon as it has its stage, before the response). The outermost interceptor's wrap runs
     * outermost. An exception thrown here fails the call like the handler's own.
     */
    default void runHandler(Runnable handler) {
        handler.run();
    }
}
