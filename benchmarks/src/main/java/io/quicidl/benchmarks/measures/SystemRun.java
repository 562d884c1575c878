package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.systems.EchoClient;
import io.quicidl.benchmarks.systems.EchoSystem;
import io.quicidl.benchmarks.systems.Systems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every system of measures 1-3 started at once, each with its clients, closed together. */
final class SystemRun implements AutoCloseable {
    /** One running system and its client connections. */
    record Running(EchoSystem system, EchoSystem.Endpoint endpoint, List<EchoClient> clients) {}

    private final List<Running> running = new ArrayList<>();

    /** Starts every system of {@link Systems#all()} with {@code connections} client connections each. */
    static SystemRun start(int connections) throws Exception {
        return start(connections, Systems.all());
    }

    /** Starts {@code systems} with {@code connections} client connections each. */
    static SystemRun start(int connections, Map<String, Supplier<EchoSystem>> systems) throws Exception {
        SystemRun run = new SystemRun();
        try {
            for (var factory : systems.values()) {
                EchoSystem system = factory.get();
                EchoSystem.Endpoint endpoint = system.start();
                List<EchoClient> clients = new ArrayList<>();
                run.running.add(new Running(system, endpoint, clients));
                for (int i = 0; i < connections; i++) {
                    clients.add(endpoint.connect());
                }
            }
            return run;
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
    }

    List<Running> systems() {
        return running;
    }

    @Override
    public void close() {
        for (Running r : running) {
            r.clients().forEach(EchoClient::close);
            r.endpoint().close();
        }
    }
}
