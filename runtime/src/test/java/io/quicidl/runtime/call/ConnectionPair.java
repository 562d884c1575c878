package io.quicidl.runtime.call;

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

    /** The client's connection, on which the scenarios make their calls. */
    CallConnection client();

    /** What crossed the wire. */
    WireRecord wire();

    /** The connection vanishes under both sides, or under the client as when the server's process dies. */
    void loseConnection();

    /** Whether server handlers keep running after {@link #loseConnection()}, to see their call cancelled. */
    default boolean serverOutlivesConnectionLoss() {
        return true;
    }

    /**
     * Waits until every stream the call layer was given has been released exactly once and
     * reports any misuse of the transport.
     */
    void awaitQuiet() throws InterruptedException;

    @Override
    void close();
}
