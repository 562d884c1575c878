package io.quicidl.benchmarks.reliability;

import io.quicidl.benchmarks.relay.LossyUdpRelay;
import io.quicidl.benchmarks.relay.RelayConditions;
import io.quicidl.benchmarks.reliability.schema.LossyClient;
import io.quicidl.benchmarks.reliability.schema.LossyServerBinding;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A {@code Lossy} server on loopback and the clients of a test: each {@link #connect} puts a
 * {@link LossyUdpRelay} of its own between a new client and the server (a relay serves one client).
 */
final class ReliabilityServer implements AutoCloseable {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    private final Server server;
    private final ReliabilityService service;

    /** A server with quicidl's defaults; see {@link ReliabilityService} for {@code recording}. */
    ReliabilityServer(boolean recording) {
        this(recording, Server.DEFAULT_LIVENESS_TIMEOUT);
    }

    /** A server whose liveness timeout (how long a client may not answer its PINGs) is {@code liveness}. */
    ReliabilityServer(boolean recording, Duration liveness) {
        this.service = new ReliabilityService(recording);
        this.server = Server.builder()
                .bind("127.0.0.1", 0)
                .identity(IDENTITY)
                .livenessTimeout(liveness)
                .addService(LossyServerBinding.bind(service))
                .start();
    }

    ReliabilityService service() {
        return service;
    }

    /** A client behind a new relay with these conditions; {@code seed} fixes the relay's random choices. */
    Connection connect(RelayConditions toServer, RelayConditions toClient, long seed) {
        return connect(toServer, toClient, seed, Limits.defaults());
    }

    /** {@link #connect(RelayConditions, RelayConditions, long)} with the client's limits (its handshake timeout, say). */
    Connection connect(RelayConditions toServer, RelayConditions toClient, long seed, Limits clientLimits) {
        LossyUdpRelay relay = LossyUdpRelay.start(server.localAddress(), toServer, toClient, seed);
        try {
            return new Connection(clientTo(relay.address()).limits(clientLimits).connect(), relay);
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    /** A client straight to the server, no relay. */
    Connection connectDirect() {
        return new Connection(clientTo(server.localAddress()).connect(), null);
    }

    private static Client.Builder clientTo(InetSocketAddress address) {
        return Client.builder()
                .address(address)
                .serverName("localhost")
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()));
    }

    @Override
    public void close() {
        server.close();
    }

    /** A client, its stub and the relay it talks through (null when direct). */
    record Connection(Client client, LossyUdpRelay relay) implements AutoCloseable {
        LossyClient stub() {
            return new LossyClient(client);
        }

        @Override
        public void close() {
            try {
                client.close();
            } finally {
                if (relay != null) {
                    // Let the client's CONNECTION_CLOSE through, so the server does not wait for its idle timeout.
                    relay.drainAndClose(Duration.ofSeconds(1));
                }
            }
        }
    }
}
