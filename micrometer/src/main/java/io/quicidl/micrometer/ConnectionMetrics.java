package io.quicidl.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ConnectionStats;
import io.quicidl.runtime.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of each QUIC connection of a {@link Server} or a {@link Client}, as the QUIC stack
 * measures it, tagged {@code quic.side} and {@code quic.connection} (the connection's number):
 * {@code quic.connection.rtt} (seconds, smoothed), {@code quic.connection.packets.lost},
 * {@code quic.connection.congestion_window} (bytes) and {@code quic.connection.streams.open}
 * (call streams in flight). For a server also {@code quicidl.server.connections},
 * {@code quicidl.server.handlers.running} and {@code quicidl.server.calls.refused} (calls refused
 * by handler admission before any interceptor saw them).
 *
 * <p>The connection gauges show the snapshot taken by the last {@link #refresh()}: connections
 * come and go, and reading the QUIC stack hops onto each connection's event loop, so the
 * application decides when that happens — before each scrape, or on a schedule
 * ({@code scheduler.scheduleAtFixedRate(metrics::refresh, 0, 10, SECONDS)}). {@link #bindTo}
 * takes a first snapshot. Thread-safe.
 */
public final class ConnectionMetrics implements MeterBinder {
    private final String side;
    private final Supplier<List<ConnectionStats>> source;
    private final Server server;
    private final List<Gauges> bound = new CopyOnWriteArrayList<>();

    private ConnectionMetrics(String side, Supplier<List<ConnectionStats>> source, Server server) {
        this.side = side;
        this.source = source;
        this.server = server;
    }

    /** The gauges of every open connection of {@code server}, and its admission counters. */
    public static ConnectionMetrics of(Server server) {
        Objects.requireNonNull(server, "server");
        return new ConnectionMetrics("server", server::connectionStats, server);
    }

    /** The gauges of {@code client}'s connection; none once it is closed. */
    public static ConnectionMetrics of(Client client) {
        Objects.requireNonNull(client, "client");
        return new ConnectionMetrics("client", () -> clientStats(client), null);
    }

    private static List<ConnectionStats> clientStats(Client client) {
        try {
            return List.of(client.stats());
        } catch (IllegalStateException | RejectedExecutionException closed) {
            // The connection is gone (a closed client's event loop rejects the collection): no gauges.
            return List.of();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (server != null) {
            Gauge.builder("quicidl.server.connections", server, Server::connectionCount)
                    .description("Open connections")
                    .register(registry);
            Gauge.builder("quicidl.server.handlers.running", server, Server::runningHandlers)
                    .description("Handlers running, over all connections")
                    .register(registry);
            FunctionCounter.builder("quicidl.server.calls.refused", server, Server::refusedCalls)
                    .description("Calls refused with UNAVAILABLE because their connection had used its share"
                            + " of the handlers")
                    .register(registry);
        }
        Gauges gauges = new Gauges(registry);
        bound.add(gauges);
        gauges.show(source.get());
    }

    /** Reads every connection's stats now and shows them; a connection that closed loses its gauges. */
    public void refresh() {
        List<ConnectionStats> now = source.get();
        for (Gauges gauges : bound) {
            gauges.show(now);
        }
    }

    /** The per-connection gauges in one registry. */
    private final class Gauges {
        private final MultiGauge rtt;
        private final MultiGauge lost;
        private final MultiGauge window;
        private final MultiGauge streams;

        Gauges(MeterRegistry registry) {
            rtt = multi(registry, "rtt", "Smoothed round-trip time of the active path", "seconds");
            lost = multi(registry, "packets.lost", "Packets declared lost since the connection opened", "packets");
            window = multi(registry, "congestion_window", "Congestion window of the active path", "bytes");
            streams = multi(registry, "streams.open", "Call streams in flight, both directions", "streams");
        }

        private MultiGauge multi(MeterRegistry registry, String name, String description, String unit) {
            return MultiGauge.builder("quic.connection." + name)
                    .description(description)
                    .baseUnit(unit)
                    .register(registry);
        }

        void show(List<ConnectionStats> connections) {
            rtt.register(rows(connections, s -> s.rtt().toNanos() / 1e9), true);
            lost.register(rows(connections, ConnectionStats::packetsLost), true);
            window.register(rows(connections, ConnectionStats::congestionWindowBytes), true);
            streams.register(rows(connections, ConnectionStats::openStreams), true);
        }

        // MultiGauge holds each row's snapshot strongly, until the next refresh replaces it.
        private List<MultiGauge.Row<?>> rows(
                List<ConnectionStats> connections, ToDoubleFunction<ConnectionStats> value) {
            List<MultiGauge.Row<?>> rows = new ArrayList<>(connections.size());
            for (ConnectionStats stats : connections) {
                Tags tags =
                        Tags.of(MeterNames.SIDE, side, MeterNames.CONNECTION, Long.toString(stats.connectionNumber()));
                rows.add(MultiGauge.Row.of(tags, stats, value));
            }
            return rows;
        }
    }
}
