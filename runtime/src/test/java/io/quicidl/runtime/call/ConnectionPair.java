package io.quicidl.runtime.call;

import io.quicidl.runtime.Channel;
import io.quicidl.runtime.TestAccess;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.CallRouter;

/**
 * A connected client and server for the call scenarios. The in-memory transport provides one;
 * the QUIC transport can provide another over loopback and run the same {@link CallScenarios}.
 */
interface ConnectionPair extends AutoCloseable {
    /** Creates a pair whose server routes calls with {@code router}. */
    interface Factory {
        ConnectionPair open(CallRouter router) throws Exception;
    }

    /** The client's connection. */
    CallConnection client();

    /** A channel over the client's connection, on which the scenarios make their calls. */
    default Channel channel() {
        return TestAccess.channel(client());
    }

    /** The server's connection. */
    CallConnection server();

    /** What crossed the wire. */
    WireRecord wire();

    /** The connection vanishes under both sides, as when the peer's process dies. */
    void loseConnection();

    /**
     * The client ends its connection while calls run: over QUIC a client close whose grace
     * period is too short for them (CONNECTION_CLOSE with CANCELLED); the in-memory link has no
     * close of its own, so there the connection is lost.
     */
    default void closeClient() {
        loseConnection();
    }

    /**
     * Waits until every stream the call layer was given has been released exactly once and
     * reports any misuse of the transport.
     */
    void awaitQuiet() throws InterruptedException;

    @Override
    void close();
}
