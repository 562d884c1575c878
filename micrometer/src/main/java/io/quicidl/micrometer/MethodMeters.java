package io.quicidl.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.StatusCode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one method on one side (client or server), created once and reused by all its
 * calls, so a call costs no registry lookup. The meters that carry a status are created on the
 * first call that ends with that status.
 */
final class MethodMeters {
    /** Calls that a limit or admission control refused end with one of these (SPEC.md §7). */
    private static final Set<StatusCode> REFUSALS = EnumSet.of(StatusCode.RESOURCE_EXHAUSTED, StatusCode.UNAVAILABLE);

    private final MeterRegistry registry;
    private final String prefix;
    private final Tags tags;
    private final AtomicInteger active = new AtomicInteger();
    private final Counter messagesSent;
    private final Counter messagesReceived;
    private final Counter bytesSent;
    private final Counter bytesReceived;
    private final Map<StatusCode, Ended> ended = new EnumMap<>(StatusCode.class);

    /** @param side {@code "client"} or {@code "server"}: the meter names' second part */
    MethodMeters(MeterRegistry registry, String side, MethodDescriptor<?, ?> method) {
        this.registry = registry;
        this.prefix = "rpc." + side + ".";
        String fullName = method.fullName();
        this.tags = Tags.of(
                MeterNames.SYSTEM, "quicidl",
                MeterNames.SERVICE, method.serviceName(),
                MeterNames.METHOD, fullName.substring(fullName.lastIndexOf('/') + 1),
                MeterNames.PATTERN, method.pattern().name().toLowerCase(Locale.ROOT));
        Gauge.builder(prefix + "calls.active", active, AtomicInteger::get)
                .description("Calls of the method in flight")
                .tags(tags)
                .register(registry);
        messagesSent = counter("messages.sent", "Messages sent", null);
        messagesReceived = counter("messages.received", "Messages received", null);
        bytesSent = counter("bytes.sent", "Message payload bytes sent (protobuf encoding)", "bytes");
        bytesReceived = counter("bytes.received", "Message payload bytes received (protobuf encoding)", "bytes");
    }

    private Counter counter(String name, String description, String unit) {
        return Counter.builder(prefix + name)
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }

    void started() {
        active.incrementAndGet();
    }

    void sent(int bytes) {
        messagesSent.increment();
        bytesSent.increment(bytes);
    }

    void received(int bytes) {
        messagesReceived.increment();
        bytesReceived.increment(bytes);
    }

    /** The call ended with {@code code} after {@code nanos}. */
    void ended(StatusCode code, long nanos) {
        // Out of flight first: whoever sees the call counted as ended sees it no longer active.
        active.decrementAndGet();
        Ended meters;
        synchronized (ended) {
            meters = ended.computeIfAbsent(code, this::endedMeters);
        }
        meters.duration.record(nanos, TimeUnit.NANOSECONDS);
        meters.calls.increment();
        if (meters.refused != null) {
            meters.refused.increment();
        }
    }

    private Ended endedMeters(StatusCode code) {
        Tags withStatus = tags.and(MeterNames.STATUS, code.name());
        Timer duration = Timer.builder(prefix + "duration")
                .description("How long calls of the method took, by status")
                .tags(withStatus)
                .register(registry);
        Counter calls = Counter.builder(prefix + "calls")
                .description("Calls of the method that ended, by status")
                .tags(withStatus)
                .register(registry);
        Counter refused = REFUSALS.contains(code)
                ? Counter.builder(prefix + "calls.refused")
                        .description("Calls that ended with RESOURCE_EXHAUSTED or UNAVAILABLE: refused by a limit,"
                                + " admission control or a closing connection")
                        .tags(withStatus)
                        .register(registry)
                : null;
        return new Ended(duration, calls, refused);
    }

    private record Ended(Timer duration, Counter calls, Counter refused) {}
}
