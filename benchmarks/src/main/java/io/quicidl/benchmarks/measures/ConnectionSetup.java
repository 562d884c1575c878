package io.quicidl.benchmarks.measures;

import com.google.protobuf.ByteString;
import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.quicidl.BenchClient;
import io.quicidl.benchmarks.quicidl.Payload;
import io.quicidl.benchmarks.relay.LossyUdpRelay;
import io.quicidl.benchmarks.relay.RelayConditions;
import io.quicidl.benchmarks.relay.RelayedBenchServer;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.tls.TlsSessions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Measure 7: connection set-up. Through a relay that adds 10 ms each way (20 ms round trip, no
 * loss), and again at 50 ms each way (100 ms), the time from starting {@code Client.builder()…connect()} to the first response of one
 * {@code @idempotent} unary {@code echo} on that new connection; many times, each with a new
 * client (the server stays up). Fresh clients each make a full handshake; resumed clients share
 * one {@link TlsSessions}, primed by an untimed first connection, so they resume the TLS session
 * and send the {@code @idempotent} echo as 0-RTT early data. TLS keys its session tickets by host
 * and port, so every resumed client's relay listens on the same port.
 */
public final class ConnectionSetup implements Measure {
    /** One-way delays the relay adds: 20 ms and 100 ms round trips. */
    static final List<Duration> ONE_WAY_DELAYS = List.of(Duration.ofMillis(10), Duration.ofMillis(50));
    /** {@code -Dbench.verbose=true} prints every connection's phases. */
    private static final boolean VERBOSE = Boolean.getBoolean("bench.verbose");

    private static final Payload REQUEST =
            Payload.newBuilder().data(ByteString.copyFrom(new byte[64])).build();

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String id() {
        return "connection-setup";
    }

    @Override
    public List<Comparison> run(SuiteSettings settings) {
        int connections = settings.pick(100, 10);
        List<Comparison> rows = new ArrayList<>();
        for (Duration oneWay : ONE_WAY_DELAYS) {
            rows.addAll(run(oneWay, oneWay.toMillis() > 10 ? Math.max(10, connections / 2) : connections));
        }
        return rows;
    }

    private static List<Comparison> run(Duration oneWay, int connections) {
        RelayConditions path = RelayConditions.PERFECT.withDelay(oneWay);
        double[] fresh;
        double[] resumed;
        AtomicInteger earlyAccepted = new AtomicInteger();
        try (RelayedBenchServer server = new RelayedBenchServer(frame -> {}, path, path, 7)) {
            Function<InetSocketAddress, Client> freshConnector =
                    address -> RelayedBenchServer.clientTo(address).connect();
            sampleMillis(server, freshConnector, 2); // Warm-up: class loading, JIT, the server's first connections.
            fresh = sampleMillis(server, freshConnector, connections);

            TlsSessions sessions = TlsSessions.create(RelayedBenchServer.trust());
            Function<InetSocketAddress, Client> resumingConnector = address -> {
                Client client = Client.builder()
                        .address(address)
                        .serverName("localhost")
                        .sessions(sessions)
                        .connect();
                client.handshake().thenAccept(info -> {
                    if (info.earlyDataAccepted()) {
                        earlyAccepted.incrementAndGet();
                    }
                });
                return client;
            };
            int port;
            LossyUdpRelay first = server.newRelay();
            try {
                port = first.address().getPort();
                timeToFirstResponse(() -> resumingConnector.apply(first.address())); // Primes the session cache.
            } finally {
                RelayedBenchServer.closeRelay(first);
            }
            sampleMillis(server, port, resumingConnector, 2);
            earlyAccepted.set(0);
            resumed = sampleMillis(server, port, resumingConnector, connections);
        }
        long rttMillis = 2 * oneWay.toMillis();
        String note = String.format(
                Locale.ROOT,
                "new Client + connect + one 64-byte @idempotent echo, %d connections each through a relay adding %d ms "
                        + "each way (no loss); resumed: shared TlsSessions, early data accepted on %d of %d;"
                        + " p50 in round trips: resumed %.2f, fresh %.2f (local set-up included)",
                connections,
                oneWay.toMillis(),
                earlyAccepted.get(),
                connections,
                percentile(resumed, 50) / rttMillis,
                percentile(fresh, 50) / rttMillis);
        String measure = "7. connection set-up, " + rttMillis + " ms RTT";
        return List.of(
                new Comparison(
                        measure,
                        "time to first response p50",
                        "ms",
                        Better.LOWER,
                        new Sample("resumed (0-RTT)", percentile(resumed, 50)),
                        List.of(new Sample("fresh", percentile(fresh, 50))),
                        note),
                new Comparison(
                        measure,
                        "time to first response p99",
                        "ms",
                        Better.LOWER,
                        new Sample("resumed (0-RTT)", percentile(resumed, 99)),
                        List.of(new Sample("fresh", percentile(fresh, 99))),
                        note));
    }

    /**
     * Times {@code connections} connections, each to a relay of its own (started before the clock
     * starts, closed after the client), and returns the times in milliseconds, sorted.
     */
    static double[] sampleMillis(
            RelayedBenchServer server, Function<InetSocketAddress, Client> connector, int connections) {
        return sampleMillis(server, 0, connector, connections);
    }

    /** {@link #sampleMillis(RelayedBenchServer, Function, int)} with every relay on {@code port} (0: any). */
    static double[] sampleMillis(
            RelayedBenchServer server, int port, Function<InetSocketAddress, Client> connector, int connections) {
        double[] millis = new double[connections];
        for (int i = 0; i < connections; i++) {
            LossyUdpRelay relay = server.newRelay(port);
            try {
                InetSocketAddress address = relay.address();
                millis[i] = timeToFirstResponse(() -> connector.apply(address)).toNanos() / 1e6;
            } finally {
                RelayedBenchServer.closeRelay(relay);
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    /**
     * The time from calling {@code connect} to the first response of one {@code echo} on the
     * client it returns; the client is closed afterwards, outside the timing.
     */
    static Duration timeToFirstResponse(Supplier<Client> connect) {
        long start = System.nanoTime();
        Client client = connect.get();
        long connected = System.nanoTime();
        try {
            Payload response = new BenchClient(client).echo(REQUEST);
            long end = System.nanoTime();
            if (VERBOSE) {
                System.out.printf(
                        "   connect %.1f ms, echo %.1f ms%n", (connected - start) / 1e6, (end - connected) / 1e6);
            }
            if (!response.equals(REQUEST)) {
                throw new IllegalStateException("echo returned something else");
            }
            return Duration.ofNanos(end - start);
        } finally {
            long closing = System.nanoTime();
            client.close();
            if (VERBOSE) {
                System.out.printf("   close %.1f ms%n", (System.nanoTime() - closing) / 1e6);
            }
        }
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Runs the measure alone. */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        new ConnectionSetup().run(new SuiteSettings(quick)).forEach(System.out::println);
        System.exit(0);
    }
}
