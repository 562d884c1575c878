package io.quicidl.runtime;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.QuicSslContext;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TlsSessions;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.ClientConnector;
import io.quicidl.runtime.transport.EndpointContext;
import io.quicidl.runtime.transport.HandlerExecutors;
import io.quicidl.runtime.transport.QuicEndpoints;
import io.quicidl.runtime.transport.SharedClientTls;
import io.quicidl.runtime.transport.UdpTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * A client endpoint: one QUIC connection to one server, kept open across calls and shared by any
 * number of concurrent calls of any pattern (SPEC.md §1). It is the {@link Channel} generated
 * client stubs are built on: {@code new ChatClient(client)}. Thread-safe; whoever connected it
 * closes it.
 *
 * <p>{@link #close()} is the close discipline of SPEC.md §6.3: it waits for the calls in flight
 * (bounded by a grace period), tells the server with GOAWAY, waits for its DRAINED so nothing
 * sent is lost, then closes with NO_ERROR and waits for the endpoint to be closed. Dropping a
 * call object never closes the connection.
 *
 * <p>Clients built with the same {@link TlsSessions} ({@link Builder#sessions}) resume the TLS
 * session of an earlier client to the same server: {@link Builder#connect()} then returns as
 * soon as 0-RTT early data may be sent, calls of {@code @idempotent} methods with a single
 * request ({@code @unary}, {@code @server_streaming}) go out at once as early data, and every
 * other call waits inside the connection until the handshake completes (SPEC.md §9).
 * {@link #handshake()} tells what happened.
 */
public final class Client extends Channel implements AutoCloseable {
    /** The default grace period of {@link #close()}. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final io.netty.channel.Channel datagram;
    private final ClientConnector.Connected connected;
    private final ExecutorService ownedExecutor;
    private final InetSocketAddress address;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Client(
            EventLoopGroup group,
            io.netty.channel.Channel datagram,
            ClientConnector.Connected connected,
            ExecutorService ownedExecutor,
            InetSocketAddress address) {
        this.address = address;
        this.group = group;
        this.datagram = datagram;
        this.connected = connected;
        this.ownedExecutor = ownedExecutor;
    }

    /** A builder; {@link Builder#connect()} makes the connection. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    CallConnection connection() {
        return connected.connection();
    }

    /**
     * Counters and path estimates (RTT, loss, congestion window) of the connection, from the QUIC stack.
     *
     * @throws IllegalStateException when the client is closed, or the stats cannot be collected
     */
    public ConnectionStats stats() {
        if (closed.get()) {
            throw new IllegalStateException("the client to " + address + " is closed: it has no connection stats");
        }
        try {
            return connected.connection().stats().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting connection stats", e);
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            // Rejected: the connection's event loop ended (the connection closed meanwhile).
            throw new IllegalStateException("cannot collect connection stats: " + e, e);
        }
    }

    /** The server's address. */
    public InetSocketAddress remoteAddress() {
        InetSocketAddress remote = (InetSocketAddress) connected.connection().remoteAddress();
        return remote != null ? remote : address;
    }

    /**
     * Completes when the TLS handshake has completed, with whether it resumed a session and
     * sent early data; fails with UNAVAILABLE when the connection closed first. Without
     * {@link Builder#sessions} it is complete when {@link Builder#connect()} returns.
     */
    public java.util.concurrent.CompletableFuture<HandshakeInfo> handshake() {
        return connected.connection().handshake();
    }

    /** Closes with {@link #DEFAULT_CLOSE_GRACE}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Waits up to {@code grace} for calls in flight and the server's DRAINED, closes the
     * connection with NO_ERROR (CANCELLED if calls were still running), and releases the
     * endpoint's threads. Blocks until done; calling it again does nothing more.
     */
    public void close(Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            connected.closeGracefully(grace).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // The connection is closed either way.
        } finally {
            datagram.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS)
                    .syncUninterruptibly();
            if (ownedExecutor != null) {
                ownedExecutor.shutdown();
            }
        }
    }

    /** Settings of a new client. */
    public static final class Builder {
        private InetSocketAddress address;
        private String serverName;
        private TrustPolicy trust;
        private Identity identity;
        private TlsSessions sessions;
        private Limits limits = Limits.defaults();
        private CongestionControl congestionControl = CongestionControl.defaults();
        private Duration livenessTimeout = Duration.ofSeconds(15);
        private ExecutorService executor;
        private WireTap tap = WireTap.NONE;

        private Builder() {}

        /** The server to connect to. */
        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The server to connect to, by host and port. */
        public Builder address(String host, int port) {
            return address(new InetSocketAddress(host, port));
        }

        /** The TLS server name (SNI); the address's host name by default. */
        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        /** Whom to trust: the JVM's CAs by default; {@link TrustPolicy#pinned} for dev mode. */
        public Builder trust(TrustPolicy trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** The client's own certificate and key, for servers that require mutual TLS. */
        public Builder identity(Identity identity) {
            this.identity = identity;
            return this;
        }

        /**
         * Shares TLS sessions with the other clients given the same {@code sessions}, so that
         * this client resumes an earlier client's session to the same server (name and port) and
         * may send {@code @idempotent} calls as 0-RTT early data (SPEC.md §9). The sessions carry
         * the trust policy and identity: {@link #trust} and {@link #identity} may be left unset,
         * and when set must be the very objects the sessions were made with.
         *
         * @throws IllegalArgumentException from {@link #connect()} when the trust policy or
         *     identity set here differs from the one of {@code sessions}
         */
        public Builder sessions(TlsSessions sessions) {
            this.sessions = Objects.requireNonNull(sessions, "sessions");
            return this;
        }

        /** Limits for what the server sends (SPEC.md §7.3). */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** How this client paces what it sends; {@link CongestionControl#defaults()} unless set. */
        public Builder congestionControl(CongestionControl congestionControl) {
            this.congestionControl = Objects.requireNonNull(congestionControl, "congestionControl");
            return this;
        }

        /**
         * While calls are in flight, PING the server and fail every call with UNAVAILABLE when it
         * has not answered for this long (SPEC.md §6.4); {@code null} turns liveness checks off.
         * Default 15 s.
         */
        public Builder livenessTimeout(Duration timeout) {
            this.livenessTimeout = timeout;
            return this;
        }

        /** Where async callbacks and blocking call work run; virtual threads by default when available. */
        public Builder executor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /** Observes the wire: streams, FIN, resets, stops and closes (for tests and demos). */
        public Builder tap(WireTap tap) {
            this.tap = Objects.requireNonNull(tap, "tap");
            return this;
        }

        /**
         * Connects and completes the TLS handshake, bounded by the handshake timeout. With
         * {@link #sessions} and a session to resume, it returns as soon as early data may be
         * sent instead; see {@link Client#handshake()}. A handshake that then fails (say, the
         * server's certificate no longer passes) fails the calls started and
         * {@link Client#handshake()} with UNAVAILABLE instead of this method. With an
         * {@link #identity} (mutual TLS) and no session to resume, it also waits for the server's
         * SETTINGS, so that a server refusing the certificate fails this method. A refused
         * handshake fails at once with the reason; only a server that never answers waits for
         * the handshake timeout.
         *
         * @throws StatusException with UNAVAILABLE when the server cannot be reached or the
         *     handshake fails (the message says why)
         */
        public Client connect() {
            if (address == null) {
                throw new IllegalStateException("Client.builder().address(...) is required");
            }
            QuicSslContext tls = sessions != null
                    ? SharedClientTls.contextFor(sessions, trust, identity)
                    : QuicEndpoints.clientTls(trust != null ? trust : TrustPolicy.systemDefault(), identity);
            ExecutorService owned = executor == null ? HandlerExecutors.newDefault("quicidl-client") : null;
            ExecutorService handlerExecutor = executor == null ? owned : executor;
            EventLoopGroup group = UdpTransport.current().newEventLoopGroup("quicidl-client", 1);
            try {
                EndpointContext context =
                        new EndpointContext(true, limits, tap, handlerExecutor, null, livenessTimeout, 0, null, null);
                InetSocketAddress local = new InetSocketAddress(
                        address.getAddress() != null && address.getAddress().isLoopbackAddress()
                                ? address.getAddress()
                                : null,
                        0);
                String sni = serverName != null ? serverName : address.getHostString();
                io.netty.channel.Channel datagram = UdpTransport.current()
                        .datagramBootstrap(group)
                        .handler(QuicEndpoints.clientCodec(tls, limits, congestionControl, sni, address.getPort()))
                        .bind(local)
                        .syncUninterruptibly()
                        .channel();
                ClientConnector.Connected connected;
                try {
                    // A client certificate may still be refused after our handshake: wait for the
                    // server's SETTINGS then, unless a resumed session lets calls go early.
                    connected = ClientConnector.connect(
                            datagram,
                            context,
                            address,
                            sni,
                            limits.handshakeTimeout(),
                            identity != null && sessions == null);
                } catch (RuntimeException e) {
                    datagram.close();
                    throw e;
                }
                return new Client(group, datagram, connected, owned, address);
            } catch (RuntimeException e) {
                group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
                if (owned != null) {
                    owned.shutdown();
                }
                throw e;
            }
        }
    }
}
