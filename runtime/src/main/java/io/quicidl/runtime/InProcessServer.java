package io.quicidl.runtime;

import io.quicidl.runtime.call.Router;
import io.quicidl.runtime.inprocess.LinkHost;
import io.quicidl.runtime.inprocess.LinkSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * A server in the same JVM as its callers, for tests of a service and of code that calls one:
 * the in-process counterpart of {@link Server}, as gRPC's {@code InProcessServerBuilder} is of
 * its Netty server. No socket, no TLS, no QUIC stack; but the real call layer of every pattern
 * runs over in-memory streams that carry the real encoded frames, with QUIC's stream credit,
 * flow control (a bounded window per stream), FIN, RESET_STREAM and STOP_SENDING. Status codes,
 * declared errors, cancellation, deadlines, metadata, message limits and backpressure behave as
 * over a {@link Client}.
 *
 * <pre>{@code
 * try (InProcessServer server = InProcessServer.builder()
 *         .addService(GreeterServerBinding.bind(new MyGreeter()))
 *         .start();
 *      InProcessChannel channel = server.newChannel()) {
 *     GreeterClient greeter = new GreeterClient(channel);
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. The server owns two event-loop threads, the default handler executor (unless
 * {@link Builder#executor} gave one) and the executor that completes its channels' futures;
 * {@link #close()} releases them and closes every channel still open.
 */
public final class InProcessServer implements AutoCloseable {
    /** The default grace period of {@link #close()}. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final LinkHost host;
    private final Set<InProcessChannel> channels = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private boolean shutDown;

    private InProcessServer(LinkHost host) {
        this.host = host;
    }

    /** A builder; {@link Builder#start()} makes the server. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new channel to this server, as a new connection would be: each channel has its own
     * stream limits and flow control. Close it when done, or let {@link #close()} do it.
     *
     * @throws IllegalStateException once the server is shutting down
     */
    public InProcessChannel newChannel() {
        synchronized (lock) {
            if (shutDown) {
                throw new IllegalStateException("the in-process server is shut down");
            }
            InProcessChannel channel = new InProcessChannel(host.newLink(), channels::remove);
            channels.add(channel);
            return channel;
        }
    }

    /** Shuts down with {@link #DEFAULT_SHUTDOWN_GRACE}. */
    @Override
    public void close() {
        shutdown(DEFAULT_SHUTDOWN_GRACE);
    }

    /**
     * Graceful shutdown bounded by {@code grace}: no new channels, new calls on the open ones fail
     * with UNAVAILABLE, the calls in flight get until the grace period ends to finish, then every
     * channel is closed (calls still running fail with UNAVAILABLE) and the server's threads
     * stop. Blocks until done; calling it again does nothing more. Must not run on a handler.
     */
    public void shutdown(Duration grace) {
        List<InProcessChannel> open;
        synchronized (lock) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            open = List.copyOf(channels);
        }
        for (InProcessChannel channel : open) {
            channel.refuseNewCalls("in-process server shut down");
        }
        long end = System.nanoTime() + grace.toNanos();
        for (InProcessChannel channel : open) {
            channel.close(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        }
        host.shutdown(open.stream().map(InProcessChannel::link).toList());
    }

    /** Settings of a new in-process server. */
    public static final class Builder {
        private final List<ServiceDefinition> services = new ArrayList<>();
        private final List<ServerInterceptor> interceptors = new ArrayList<>();
        private Limits limits = Limits.defaults();
        private ExecutorService executor;

        private Builder() {}

        /** Serves a service: pass what a generated {@code …ServerBinding.bind(implementation)} returns. */
        public Builder addService(ServiceDefinition service) {
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

        /**
         * Limits of both sides of every channel (SPEC.md §7.3): message and metadata sizes, the
         * streams a side may have open at once, and the per-stream flow-control window (its
         * {@code streamWindowBytes}). Timeouts of QUIC itself do not apply.
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Where handlers run; the caller keeps and shuts it down. By default virtual threads when
         * the JVM has them, else a bounded pool, owned by the server.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Starts the server's threads.
         *
         * @throws IllegalStateException without a service
         * @throws IllegalArgumentException when two services register the same method
         */
        public InProcessServer start() {
            if (services.isEmpty()) {
                throw new IllegalStateException("InProcessServer.builder() needs at least one addService(...)");
            }
            Router router = new Router(List.copyOf(services), interceptors);
            LinkSettings settings = new LinkSettings()
                    .window((int) Math.min(Integer.MAX_VALUE, limits.streamWindowBytes()))
                    .maxMessageBytes(limits.maxMessageBytes(), limits.maxMessageBytes())
                    .maxMetadataBytes(limits.maxMetadataBytes())
                    .maxStreams(limits.maxConcurrentBidiStreams(), limits.maxConcurrentUniStreams());
            return new InProcessServer(new LinkHost(router, settings, executor));
        }
    }
}
