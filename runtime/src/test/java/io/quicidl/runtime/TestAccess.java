package io.quicidl.runtime;

import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.CallRouter;

/** The runtime's internals that its own tests in other packages reach past the public API. */
public final class TestAccess {
    private TestAccess() {}

    /** The connection under a client. */
    public static CallConnection connection(Client client) {
        return client.connection();
    }

    /** A channel whose calls run on {@code connection}, for transports built by a test. */
    public static Channel channel(CallConnection connection) {
        return new Channel() {
            @Override
            CallConnection connection() {
                return connection;
            }
        };
    }

    /** Serves with {@code router} instead of services. */
    public static Server.Builder router(Server.Builder builder, CallRouter router) {
        return builder.router(router);
    }
}
