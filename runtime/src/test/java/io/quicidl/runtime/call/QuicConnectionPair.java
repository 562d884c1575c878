package io.quicidl.runtime.call;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.RecordingWireTap;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.TestAccess;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.CallRouter;
import io.quicidl.runtime.wire.ErrorCode;
import java.time.Duration;

/** A client and a server over real QUIC on loopback, recorded for the call scenarios. */
final class QuicConnectionPair implements ConnectionPair {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    private final RecordingTransport recording = new RecordingTransport();
    private final RecordingWireTap serverTap = new RecordingWireTap();
    private final Server server;
    private final Client client;
    private final CallConnection clientConnection;
    private boolean lost;
    private boolean clientClosed;

    private QuicConnectionPair(CallRouter router, Limits limits) {
        server = TestAccess.router(Server.builder().identity(IDENTITY).limits(limits), recording.router(router))
                .tap(serverTap)
                .start();
        client = Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .limits(limits)
                .livenessTimeout(Duration.ofSeconds(5))
                .connect();
        clientConnection = recording.client(TestAccess.connection(client));
    }

    /** Pairs with default limits. */
    static Factory factory() {
        return router -> new QuicConnectionPair(router, Limits.defaults());
    }

    @Override
    public CallConnection client() {
        return clientConnection;
    }

    @Override
    public CallConnection server() {
        return recording.serverConnection();
    }

    @Override
    public WireRecord wire() {
        return recording.wire();
    }

    @Override
    public void loseConnection() {
        lost = true;
        server.kill();
    }

    @Override
    public void closeClient() {
        clientClosed = true;
        client.close(Duration.ofMillis(100));
    }

    @Override
    public void awaitQuiet() throws InterruptedException {
        recording.awaitQuiet();
    }

    /**
     * Closes both ends; unless the connection was lost, checks the close discipline every
     * scenario must end with: the client's CONNECTION_CLOSE with NO_ERROR (SPEC.md §6.3).
     */
    @Override
    public void close() {
        client.close(Duration.ofSeconds(2));
        if (lost) {
            return;
        }
        if (clientClosed) {
            server.shutdown(Duration.ofSeconds(2));
            return;
        }
        try {
            WireEvent close = serverTap.await(e -> e.type() == WireEvent.Type.CLOSE_RECEIVED, 5_000);
            if (close.code() != ErrorCode.NO_ERROR.value()) {
                throw new AssertionError("the client closed with " + close + ", not NO_ERROR");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.shutdown(Duration.ofSeconds(2));
        }
    }
}
