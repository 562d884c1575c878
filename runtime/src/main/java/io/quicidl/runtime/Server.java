package io.quicidl.runtime;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.QuicSslContext;
import io.quicidl.runtime.call.Router;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.transport.CallRouter;
import io.quicidl.runtime.transport.EndpointContext;
import io.quicidl.runtime.transport.HandlerAdmission;
import io.quicidl.runtime.transport.HandlerExecutors;
import io.quicidl.runtime.transport.QuicConnection;
import io.quicidl.runtime.transport.QuicEndpoints;
import io.quicidl.runtime.transport.ResetRateGuard;
import io.quicidl.runtime.transport.UdpTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A server endpoint: accepts QUIC connections and serves calls on them. Thread-safe.
 *
 * <p>{@link #shutdown(Duration)} is graceful (SPEC.md §6.3): each connection gets a GOAWAY, new
 * calls are refused with REFUSED (safe to retry elsewhere), running calls finish, clients close
 * their connections; whatever is still open when the grace period ends is closed.
 */
public final class Server implements AutoCloseable {
    /** The default grace period of {@link #close()}. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /**
     * How long a client may leave a PING unanswered while it has calls running, by default: PINGs
     * go every 750 ms, so the calls of a client that vanished end within 4 s (SPEC.md §6.4). At
     * 4 s, a kill just after a PONG was seen up to 5.05 s later on a loaded machine.
     */
    public static final Duration DEFAULT_LIVENESS_TIMEOUT = Duration.ofSeconds(3);
    /**
     * How long a call may go without a frame in either direction, by default: long enough for a
     * quiet subscription or a slow handler, short enough that calls a client opened and left
     * (slowloris) or stopped reading give their handlers back within minutes (SPEC.md §7.3).
     */
    public static final Duration DEFAULT_IDLE_CALL_TIMEOUT = Duration.ofMinutes(5);

    private final EventLoopGroup group;
    private final Channel datagram;
    private final Set<QuicConnection> connections;
    private final EndpointContext context;
    private final ExecutorService ownedExecutor;
    private final Object shutdownLock = new Object();
    private boolean shutDown;

    private Server(
            EventLoopGroup group,
            Channel datagram,
            EndpointContext context,
            Set<QuicConnection> connections,
            ExecutorService ownedExecutor) {
        this.group = group;
        this.context = context;
        this.datagram = datagram;
        this.connections = connections;
        this.ownedExecutor = ownedExecutor;
    }

    /** A builder; {@link Builder#start()} binds the socket. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bound address (with the real port when bound to port 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) datagram.localAddress();
    }

    /** The bound UDP port. */
    public int port() {
        return localAddress().getPort();
    }

    /** Number of open connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** Handlers running now, over all connections. */
    public int runningHandlers() {
        return context.admission().running();
    }

    /**
     * Calls refused since the server started because their connection had used its share of the
     * handlers ({@link Builder#maxConcurrentHandlers}); each ended with UNAVAILABLE.
     */
    public long refusedCalls() {
        return context.admission().refused();
    }

    /**
     * Connections closed with EXCESSIVE_LOAD because their client cancelled calls far faster than
     * its calls completed (rapid reset, SPEC.md §7.3).
     */
    public long abusiveConnectionsClosed() {
        return context.abusiveConnectionsClosed();
    }

    /** Counters and path estimates of every open connection, from the QUIC stack. */
    public List<ConnectionStats> connectionStats() {
        List<ConnectionStats> stats = new ArrayList<>();
        for (QuicConnection connection : List.copyOf(connections)) {
            try {
                stats.add(connection.stats().get(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // The connection closed meanwhile: it has no stats to give.
            }
        }
        return stats;
    }

    /** Shuts down with {@link #DEFAULT_SHUTDOWN_GRACE}. */
    @Override
    public void close() {
        shutdown(DEFAULT_SHUTDOWN_GRACE);
    }

    /**
     * Graceful shutdown bounded by {@code grace}; blocks until every connection is closed and the
     * socket released. Calling it again does nothing more.
     */
    public void shutdown(Duration grace) {
        synchronized (shutdownLock) {
            if (shutDown) {
                return;
            }
            shutDown = true;
        }
        context.refuseNewConnections();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (QuicConnection connection : List.copyOf(connections)) {
            closing.add(connection.shutdownGracefully(grace.toNanos()));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(grace.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Closing the socket below ends whatever is left.
        }
        datagram.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    /**
     * For failure tests: closes the socket at once, sending nothing (no CONNECTION_CLOSE), as if
     * the process had died. Does nothing after {@link #shutdown} has finished.
     */
    public void kill() {
        synchronized (shutdownLock) {
            shutDown = true;
        }
        if (group.isShuttingDown()) {
            return; // a shutdown or kill has already released the socket
        }
        datagram.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    /** Settings of a new server. */
    public static final class Builder {
        private InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);
        private Identity identity;
        private TrustPolicy clientTrust;
        private Limits limits = Limits.defaults();
        private CongestionControl congestionControl = CongestionControl.defaults();
        private boolean datagrams = true;
        private ExecutorService executor;
        private int maxCancelledCalls = ResetRateGuard.DEFAULT_MAX_CANCELLED;
        private WireTap tap = WireTap.NONE;
        private final List<ServiceDefinition> services = new ArrayList<>();
        private final List<ServerInterceptor> interceptors = new ArrayList<>();
        private CallRouter router;
        private int maxConcurrentHandlers;
        private Duration livenessTimeout = DEFAULT_LIVENESS_TIMEOUT;
        private Duration idleCallTimeout = DEFAULT_IDLE_CALL_TIMEOUT;

        private Builder() {}

        /** Where to listen; 127.0.0.1 and an ephemeral port by default. */
        public Builder bind(InetSocketAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Where to listen, by host and port (0 for an ephemeral port). */
        public Builder bind(String host, int port) {
            return bind(new InetSocketAddress(host, port));
        }

        /** The server's certificate and key (required); {@link Identity#selfSigned} for dev mode. */
        public Builder identity(Identity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** Requires clients to present a certificate that {@code trust} accepts (mutual TLS). */
        public Builder requireClientCertificates(TrustPolicy trust) {
            this.clientTrust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** Limits for what clients send (SPEC.md §7.3). */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** How the server paces what it sends; {@link CongestionControl#defaults()} unless set. */
        public Builder congestionControl(CongestionControl congestionControl) {
            this.congestionControl = Objects.requireNonNull(congestionControl, "congestionControl");
            return this;
        }

        /**
         * Whether clients may send QUIC DATAGRAM frames, which {@code @realtime(delivery =
         * datagram)} methods need (SPEC.md §5.9); on by default. Off, the server does not
         * advertise {@code max_datagram_frame_size} and such calls fail at the client.
         */
        public Builder datagrams(boolean enabled) {
            this.datagrams = enabled;
            return this;
        }

        /** Where handlers run; virtual threads by default when available, else a bounded pool. */
        public Builder executor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /**
         * The handlers the server runs at once, shared fairly between its connections (SPEC.md
         * §7.3): a connection may run its share (this divided by the connections running
         * handlers, at least 4) and no more than it may have streams open; over it, a new call
         * ends at once with UNAVAILABLE (not processed, may be retried). By default 10,000 with
         * virtual threads (Java 21+), else 512 (the default pool then has up to twice as many
         * threads).
         */
        public Builder maxConcurrentHandlers(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentHandlers must be positive, got " + max);
            }
            this.maxConcurrentHandlers = max;
            return this;
        }

        /**
         * While a client has calls running, the server PINGs it every quarter of {@code timeout}
         * and closes the connection with UNRESPONSIVE when a PING goes unanswered for
         * {@code timeout}: the calls of a client that vanished (a killed process, a dead path)
         * then end with UNAVAILABLE and free their handlers, instead of waiting for QUIC's idle
         * timeout (SPEC.md §6.4). {@link #DEFAULT_LIVENESS_TIMEOUT} by default; {@code null}
         * turns the PINGs off.
         */
        public Builder livenessTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("liveness timeout must be positive: " + timeout);
            }
            this.livenessTimeout = timeout;
            return this;
        }

        /**
         * Ends a call when no frame has arrived from the client and none has been written to it
         * for {@code timeout} (SPEC.md §7.3): the handler sees DEADLINE_EXCEEDED through its
         * context, the client gets RESET_STREAM and STOP_SENDING with DEADLINE_EXCEEDED. It frees
         * what a client that opened calls and left them (slowloris), or stopped reading a
         * response stream, would hold. A call ends within a second after the timeout; a call
         * whose deadline comes sooner is left to its deadline. The clock also runs while a
         * handler computes without sending: raise it, or turn it off, for handlers that compute
         * longer than this before they answer. {@link #DEFAULT_IDLE_CALL_TIMEOUT} by default;
         * {@code null} turns it off.
         */
        public Builder idleCallTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("idle-call timeout must be positive: " + timeout);
            }
            this.idleCallTimeout = timeout;
            return this;
        }

        /**
         * The rapid-reset guard (SPEC.md §7.3): a connection whose client cancels more than
         * {@code max} calls (RESET_STREAM or STOP_SENDING before their outcome) within 10
         * seconds, and more than ten times as many as its calls that completed, is closed with
         * EXCESSIVE_LOAD, and its calls end with UNAVAILABLE; {@link
         * Server#abusiveConnectionsClosed()} counts such closes. 1,000 by default, far above what
         * a client cancelling calls for its own reasons (a UI cancelling searches as the user
         * types) reaches; 0 turns the guard off.
         */
        public Builder maxCancelledCalls(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxCancelledCalls must not be negative, got " + max);
            }
            this.maxCancelledCalls = max;
            return this;
        }

        /** Observes the wire: streams, FIN, resets, stops and closes (for tests and demos). */
        public Builder tap(WireTap tap) {
            this.tap = Objects.requireNonNull(tap, "tap");
            return this;
        }

        /** Serves a service: pass what a generated {@code …ServerBinding.bind(implementation)} returns. */
        public Builder addService(ServiceDefinition service) {
            if (router != null) {
                throw new IllegalStateException("a server takes either services or a custom router, not both");
            }
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /**
         * Adds an interceptor in front of every handler (see {@link ServerInterceptor}). Called
         * once per interceptor, in order: the first added is the outermost.
         */
        public Builder intercept(ServerInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Routes call streams with a custom router instead of services: for the runtime's own tests. */
        Builder router(CallRouter router) {
            if (!services.isEmpty()) {
                throw new IllegalStateException("a server takes either services or a custom router, not both");
            }
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /** Binds the socket and starts serving. */
        public Server start() {
            if (identity == null) {
                throw new IllegalStateException("Server.builder().identity(...) is required: QUIC always uses TLS; "
                        + "use Identity.selfSigned(\"localhost\") for development");
            }
            if (router == null && services.isEmpty()) {
                throw new IllegalStateException("Server.builder() needs at least one addService(...)");
            }
            CallRouter callRouter = router != null ? router : new Router(List.copyOf(services), interceptors);
            ExecutorService owned = executor == null ? HandlerExecutors.newDefault("quicidl-handler") : null;
            EventLoopGroup group = UdpTransport.current().newEventLoopGroup("quicidl-server", 1);
            try {
                QuicSslContext tls = QuicEndpoints.serverTls(identity, clientTrust);
                Executor handlers = executor == null ? owned : executor;
                HandlerAdmission admission = new HandlerAdmission(
                        handlers,
                        maxConcurrentHandlers > 0 ? maxConcurrentHandlers : HandlerExecutors.defaultMaxHandlers(),
                        limits.maxConcurrentBidiStreams() + limits.maxConcurrentUniStreams());
                EndpointContext context = new EndpointContext(
                        false,
                        limits,
                        tap,
                        handlers,
                        admission,
                        livenessTimeout,
                        maxCancelledCalls,
                        idleCallTimeout,
                        callRouter);
                Set<QuicConnection> connections = ConcurrentHashMap.newKeySet();
                Channel datagram = UdpTransport.current()
                        .datagramBootstrap(group)
                        .handler(QuicEndpoints.serverPipeline(
                                tls, context, congestionControl, datagrams, connection -> {
                                    connections.add(connection);
                                    connection.closeFuture().whenComplete((v, e) -> connections.remove(connection));
                                }))
                        .bind(bind)
                        .syncUninterruptibly()
                        .channel();
                return new Server(group, datagram, context, connections, owned);
            } catch (RuntimeException e) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                if (owned != null) {
                    owned.shutdown();
                }
                throw e;
            }
        }
    }
}
