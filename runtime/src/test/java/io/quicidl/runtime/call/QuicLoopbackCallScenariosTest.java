package io.quicidl.runtime.call;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.CallRouter;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameType;
import java.time.Duration;

/**
 * The call scenarios over real QUIC on loopback: the runtime's {@link Server} and
 * {@link Client}, with their wire taps translated into a {@link WireRecord} (which then holds
 * FIN, RESET, STOP and each call stream's first frame, not every frame).
 */
class QuicLoopbackCallScenariosTest extends CallScenarios {
    private static final Identity IDENTITY = Identity.selfSigned("localhost", "127.0.0.1");

    @Override
    ConnectionPair.Factory factory() {
        return QuicPair::new;
    }

    /** A server and a client connected to it over loopback. */
    private static final class QuicPair implements ConnectionPair {
        private final WireRecord wire = new WireRecord(false);
        private final Server server;
        private final Client client;

        QuicPair(CallRouter router) {
            server = Server.builder().identity(IDENTITY).router(router).tap(this::record).start();
            client = Client.builder()
                    .address("127.0.0.1", server.port())
                    .serverName("localhost")
                    .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                    .livenessTimeout(Duration.ofSeconds(3))
                    .tap(this::record)
                    .connect();
        }

        private void record(WireEvent event) {
            boolean byClient = event.endpoint().equals("client");
            long id = event.streamId();
            switch (event.type()) {
                case FIN_SENT -> wire.add(new WireRecord.Event(id, byClient, WireRecord.Kind.FIN, null, null));
                case RESET_SENT -> wire.add(new WireRecord.Event(
                        id, byClient, WireRecord.Kind.RESET, ErrorCode.of(event.code()), null));
                // A stop names the half the other side sends.
                case STOP_SENT -> wire.add(new WireRecord.Event(
                        id, !byClient, WireRecord.Kind.STOP, ErrorCode.of(event.code()), null));
                case STREAM_OPENED -> {
                    if (event.detail().startsWith("CALL ")) {
                        wire.add(new WireRecord.Event(id, true, WireRecord.Kind.FRAME, null, FrameType.CALL));
                    } else if (event.detail().startsWith("RESPONSE_HEADER ")) {
                        wire.add(new WireRecord.Event(id, false, WireRecord.Kind.FRAME, null, FrameType.RESPONSE_HEADER));
                    }
                }
                default -> { }
            }
        }

        @Override
        public CallConnection client() {
            return client.connection();
        }

        @Override
        public WireRecord wire() {
            return wire;
        }

        @Override
        public void loseConnection() {
            // The server's process dies: no CONNECTION_CLOSE, the client learns from liveness.
            server.kill();
        }

        @Override
        public boolean serverOutlivesConnectionLoss() {
            return false;
        }

        @Override
        public void awaitQuiet() {
            // The QUIC transport counts released streams itself; its close waits for them.
        }

        @Override
        public void close() {
            client.close(Duration.ofSeconds(2));
            server.shutdown(Duration.ofSeconds(2));
        }
    }
}
