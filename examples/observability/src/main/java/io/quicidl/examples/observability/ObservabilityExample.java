package io.quicidl.examples.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quicidl.micrometer.ConnectionMetrics;
import io.quicidl.micrometer.MetricsClientInterceptor;
import io.quicidl.micrometer.MetricsServerInterceptor;
import io.quicidl.opentelemetry.TracingClientInterceptor;
import io.quicidl.opentelemetry.TracingServerInterceptor;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.services.health.HealthService;
import io.quicidl.services.health.v1.HealthCheckRequest;
import io.quicidl.services.health.v1.HealthClient;
import io.quicidl.services.health.v1.ServingStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * An inventory server and a client on loopback QUIC, observed four ways: the server's own
 * {@link AccessLog} interceptor; OpenTelemetry spans on both sides (the quicidl-opentelemetry
 * interceptors, recorded by a {@link SpanLog}); Micrometer meters on both sides (the
 * quicidl-micrometer interceptors and {@link ConnectionMetrics} on one
 * {@link SimpleMeterRegistry}); and the health service, which the client checks first. After a
 * few calls of three patterns it prints the access log, one line per trace and the whole meter
 * registry as tables.
 */
public final class ObservabilityExample implements AutoCloseable {
    /** How many calls {@link #run} makes, the health check included. */
    static final int CALLS = 5;

    private static final Duration OBSERVERS_BOUND = Duration.ofSeconds(30);

    private final Identity identity = Identity.selfSigned("localhost");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Queue<String> accessLog = new ConcurrentLinkedQueue<>();
    private final HealthService health = new HealthService();
    private final SpanLog spanLog = new SpanLog();
    private final SdkTracerProvider tracers = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spanLog))
            .build();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(tracers)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final Server server;
    private final ConnectionMetrics serverConnections;

    ObservabilityExample() {
        server = Server.builder()
                .bind("127.0.0.1", 0)
                .identity(identity)
                // Tracing outermost: the other interceptors and the handler run inside the call's span.
                .intercept(new TracingServerInterceptor(openTelemetry))
                // Next the meters, so that they too count the calls a later interceptor refuses.
                .intercept(new MetricsServerInterceptor(registry))
                .intercept(new AccessLog(accessLog::add))
                .addService(InventoryServerBinding.bind(new Warehouse()))
                .addService(health.definition())
                .start();
        health.setStatus(InventoryMethods.SERVICE_NAME, ServingStatus.SERVING);
        serverConnections = ConnectionMetrics.of(server);
        serverConnections.bindTo(registry);
    }

    public static void main(String[] args) {
        try (ObservabilityExample example = new ObservabilityExample()) {
            example.run(System.out::println);
        }
    }

    MeterRegistry registry() {
        return registry;
    }

    SpanLog spanLog() {
        return spanLog;
    }

    /**
     * Makes {@link #CALLS} calls, then prints what the access log, the spans and the meters saw of
     * them. Once per example: the waits count from a fresh registry and span log.
     */
    void run(Consumer<String> out) {
        try (Client client = Client.builder()
                .address(server.localAddress())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect()) {
            ConnectionMetrics clientConnections = ConnectionMetrics.of(client);
            clientConnections.bindTo(registry);
            Channel channel = client.intercept(
                    new TracingClientInterceptor(openTelemetry), new MetricsClientInterceptor(registry));
            calls(channel, out);

            awaitObservers();
            // Connection gauges show the QUIC stack as of the last refresh: take one now, client still open.
            serverConnections.refresh();
            clientConnections.refresh();
            out.accept("");
            out.accept("server access log (AccessLog, a ServerInterceptor):");
            accessLog.forEach(line -> out.accept("  " + line));
            out.accept("");
            out.accept("traces (TracingClientInterceptor, TracingServerInterceptor):");
            spanLog.describe().forEach(line -> out.accept("  " + line));
            out.accept("");
            out.accept("meter registry (SimpleMeterRegistry):");
            out.accept(MeterTable.render(registry));
        }
    }

    /** The health check, then two lookups (one fails), a browse and a restock. */
    private static void calls(Channel channel, Consumer<String> out) {
        ServingStatus status = new HealthClient(channel)
                .check(HealthCheckRequest.newBuilder()
                        .service(InventoryMethods.SERVICE_NAME)
                        .build())
                .status();
        out.accept("health of " + InventoryMethods.SERVICE_NAME + ": " + status);

        InventoryClient inventory = new InventoryClient(channel);
        Item bolt = inventory.lookup(ItemQuery.newBuilder().sku("BLT-6").build());
        out.accept("lookup BLT-6: " + bolt.name() + ", " + bolt.quantity() + " in stock");
        try {
            inventory.lookup(ItemQuery.newBuilder().sku("XYZ-9").build());
            out.accept("lookup XYZ-9: found, which it should not be");
        } catch (UnknownSku e) {
            out.accept("lookup XYZ-9: UnknownSku " + e.sku());
        }

        List<String> plenty = new ArrayList<>();
        try (ResponseStream<Item> items =
                inventory.browse(StockQuery.newBuilder().atLeast(100).build())) {
            items.forEach(item -> plenty.add(item.sku() + " (" + item.quantity() + ")"));
        }
        out.accept("browse, at least 100: " + String.join(", ", plenty));

        ClientStreamCall<Delivery, Received> restock = inventory.restock();
        restock.send(Delivery.newBuilder().sku("WSH-6").quantity(200).build());
        restock.send(Delivery.newBuilder().sku("SCR-4").quantity(25).build());
        Received received = restock.complete();
        out.accept("restock: " + received.deliveries() + " deliveries, " + received.items() + " items");
    }

    /**
     * Waits until both sides' meters counted every call and every span ended: both happen when a
     * call's status is final on that side, which can be just after the client got what it asked for.
     */
    private void awaitObservers() {
        long deadline = System.nanoTime() + OBSERVERS_BOUND.toNanos();
        while (ended("client") < CALLS || ended("server") < CALLS || spanLog.size() < 2 * CALLS) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("after " + OBSERVERS_BOUND.toSeconds() + " s the meters counted "
                        + ended("client") + " client and " + ended("server") + " server calls of " + CALLS
                        + ", and " + spanLog.size() + " spans of " + 2 * CALLS + " had ended");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the meters and spans", e);
            }
        }
    }

    /** Calls ended on {@code side}, any status. */
    private long ended(String side) {
        return Math.round(registry.find("rpc." + side + ".calls").counters().stream()
                .mapToDouble(Counter::count)
                .sum());
    }

    @Override
    public void close() {
        // Health checkers see NOT_SERVING before the server goes, as a load balancer would need.
        health.enterShutdown();
        try {
            server.shutdown(Duration.ofSeconds(5));
        } finally {
            tracers.close();
        }
    }
}
