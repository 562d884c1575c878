package io.quicidl.benchmarks.relay;

import io.quicidl.benchmarks.quicidl.BenchServerBinding;
import io.quicidl.benchmarks.quicidl.Frame;
import io.quicidl.benchmarks.systems.BenchService;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.CongestionControl;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A quicidl {@code Bench} server with its defaults, reached through {@link LossyUdpRelay}s: each
 * {@link #connect} starts a relay of its own (a relay serves one client) and a client to it. For
 * the measures that need loss, delay or a bottleneck on the path.
 */
public final class RelayedBenchServer implements AutoCloseable {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    private final Server server;
    private final RelayConditions toServer;
    private final RelayConditions toClient;
    private long nextSeed;

    /** Starts the server; {@code frameListener} receives every frame the feed methods deliver. */
    public RelayedBenchServer(
            Consumer<Frame> frameListener, RelayConditions toServer, RelayConditions toClient, long seed) {
        this(frameListener, toServer, toClient, seed, CongestionControl.defaults());
    }

    /** As above, with the server sending under {@code congestion}. */
    public RelayedBenchServer(
            Consumer<Frame> frameListener,
            RelayConditions toServer,
            RelayConditions toClient,
            long seed,
            CongestionControl congestion) {
        this.server = Server.builder()
                .bind("127.0.0.1", 0)
                .identity(IDENTITY)
                .addService(BenchServerBinding.bind(new BenchService(frameListener)))
                .congestionControl(congestion)
                .start();
        this.toServer = toServer;
        this.toClient = toClient;
        this.nextSeed = seed;
    }

    /** The server's own address (no relay in between). */
    public InetSocketAddress directAddress() {
        return server.localAddress();
    }

    /**
     * A new relay to the server with this server's conditions; the caller closes it after its
     * client with {@link #closeRelay}.
     */
    public synchronized LossyUdpRelay newRelay() {
        return newRelay(0);
    }

    /** {@link #newRelay()} on 127.0.0.1:{@code port}, e.g. where an earlier relay was. */
    public synchronized LossyUdpRelay newRelay(int port) {
        return LossyUdpRelay.start(server.localAddress(), toServer, toClient, nextSeed++, port);
    }

    /** What clients of this server trust: its self-signed certificate, pinned. */
    public static TrustPolicy trust() {
        return TrustPolicy.pinned(IDENTITY.fingerprint());
    }

    /** A client with quicidl's defaults that reaches the server at {@code address} (a relay's). */
    public static Client.Builder clientTo(InetSocketAddress address) {
        return Client.builder().address(address).serverName("localhost").trust(trust());
    }

    /** A relay and a connected client behind it; closing closes both, the client first. */
    public RelayedClient connect() {
        LossyUdpRelay relay = newRelay();
        try {
            return new RelayedClient(clientTo(relay.address()).connect(), relay);
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * Closes {@code relay} once the datagrams it holds have left (its client's CONNECTION_CLOSE
     * among them): otherwise the server keeps the connection until its idle timeout, and its own
     * close waits for it.
     */
    public static void closeRelay(LossyUdpRelay relay) {
        relay.drainAndClose(Duration.ofSeconds(1));
    }

    /** A client and the relay it talks through. */
    public record RelayedClient(Client client, LossyUdpRelay relay) implements AutoCloseable {
        @Override
        public void close() {
            try {
                client.close();
            } finally {
                closeRelay(relay);
            }
        }
    }
}
