package io.quicidl.benchmarks.systems;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Every system of measures 1-4, by the id a child JVM is told to run; quicidl first. */
public final class Systems {
    private Systems() {}

    /** Factories by id, quicidl first, then the peers in the report's order. */
    public static Map<String, Supplier<EchoSystem>> all() {
        Map<String, Supplier<EchoSystem>> systems = new LinkedHashMap<>();
        systems.put("quicidl", QuicidlSystem::new);
        systems.put("grpc-fastest", GrpcSystem::fastest);
        systems.put("grpc-default", GrpcSystem::defaults);
        systems.put("raw-default", RawQuicSystem::defaults);
        systems.put("raw-tuned", RawQuicSystem::tuned);
        return systems;
    }

    /**
     * {@link #all()} plus quicidl serving through its async server interface, whose {@code @unary}
     * handler runs on the event loop: for the unary measures, the only ones it changes.
     */
    public static Map<String, Supplier<EchoSystem>> forUnary() {
        Map<String, Supplier<EchoSystem>> systems = new LinkedHashMap<>();
        systems.put("quicidl", QuicidlSystem::new);
        systems.put("quicidl-async", QuicidlSystem::asyncHandlers);
        systems.putAll(all());
        return systems;
    }

    /** The system with {@code id}; fails naming the known ids. */
    public static EchoSystem byId(String id) {
        Supplier<EchoSystem> factory = forUnary().get(id);
        if (factory == null) {
            throw new IllegalArgumentException(
                    "no system '" + id + "'; known: " + forUnary().keySet());
        }
        return factory.get();
    }
}
