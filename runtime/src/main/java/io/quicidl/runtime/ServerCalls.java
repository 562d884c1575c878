package io.quicidl.runtime;

import io.quicidl.runtime.call.Router;
import io.quicidl.runtime.transport.CallRouter;
import java.util.List;

/** Server-side entry point of the call layer, used by the runtime's {@code Server}. */
public final class ServerCalls {
    private ServerCalls() {}

    /**
     * The router that runs these services' handlers for the calls clients open (SPEC.md §5).
     * One router may serve every connection of a server; it is thread-safe and keeps
     * per-connection state only while the connection lives.
     *
     * @throws IllegalArgumentException when two services register the same method
     */
    public static CallRouter router(List<ServiceDefinition> services) {
        return new Router(services);
    }

    /**
     * {@link #router(List)}, running {@code @unary} handlers on the connection's event loop when
     * {@code unaryOnEventLoop}.
     */
    public static CallRouter router(List<ServiceDefinition> services, boolean unaryOnEventLoop) {
        return new Router(services, unaryOnEventLoop);
    }
}
