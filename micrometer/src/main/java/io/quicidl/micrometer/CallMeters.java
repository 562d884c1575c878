package io.quicidl.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quicidl.runtime.MethodDescriptor;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The meters of every method seen on one side, created on each method's first call. */
final class CallMeters {
    private final MeterRegistry registry;
    private final String side;
    private final Map<String, MethodMeters> byMethod = new ConcurrentHashMap<>();

    CallMeters(MeterRegistry registry, String side) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.side = side;
    }

    MeteredCall start(MethodDescriptor<?, ?> method) {
        MethodMeters meters =
                byMethod.computeIfAbsent(method.fullName(), name -> new MethodMeters(registry, side, method));
        return new MeteredCall(meters, registry.config().clock(), side.equals("server"));
    }
}
