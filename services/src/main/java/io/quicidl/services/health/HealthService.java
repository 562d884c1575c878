package io.quicidl.services.health;

import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.services.health.v1.HealthCheckRequest;
import io.quicidl.services.health.v1.HealthCheckResponse;
import io.quicidl.services.health.v1.HealthServer;
import io.quicidl.services.health.v1.HealthServerBinding;
import io.quicidl.services.health.v1.ServingStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code quicidl.health.v1.Health} service with its status manager: the application sets
 * each service's status with {@link #setStatus}, {@code check} answers with the current one and
 * every {@code watch} call sends each change.
 *
 * <pre>{@code
 * HealthService health = new HealthService();
 * Server server = Server.builder()....addService(health.definition()).start();
 * health.setStatus("example.chat.Chat", ServingStatus.SERVING);
 * }</pre>
 *
 * <p>The empty service name stands for the server as a whole and starts as SERVING. A service
 * never set is unknown: {@code check} fails with NOT_FOUND, {@code watch} sends SERVICE_UNKNOWN and
 * keeps watching. A watcher that falls behind sees only the newest status: changes it has not
 * been sent yet are replaced, never queued without bound. Thread-safe.
 */
public final class HealthService implements HealthServer {
    /** The name that stands for the whole server. */
    public static final String SERVER = "";

    private final Object lock = new Object();
    private final Map<String, ServingStatus> statuses = new HashMap<>();
    private final Map<String, Set<Watcher>> watchers = new HashMap<>();
    private boolean shutdown;

    public HealthService() {
        statuses.put(SERVER, ServingStatus.SERVING);
    }

    /** The service to add to a server. */
    public ServiceDefinition definition() {
        return HealthServerBinding.bind(this);
    }

    /**
     * Sets a service's status and tells its watchers. After {@link #enterShutdown()} every status
     * stays NOT_SERVING.
     *
     * @param service {@code package.Service}, or {@link #SERVER}
     * @param status SERVING, NOT_SERVING or UNKNOWN
     */
    public void setStatus(String service, ServingStatus status) {
        Objects.requireNonNull(service, "service");
        if (status == null || status == ServingStatus.SERVICE_UNKNOWN || status == ServingStatus.UNRECOGNIZED) {
            throw new IllegalArgumentException("a service's status is SERVING, NOT_SERVING or UNKNOWN, not " + status
                    + " (for '" + service + "')");
        }
        synchronized (lock) {
            update(service, shutdown ? ServingStatus.NOT_SERVING : status);
        }
    }

    /** Forgets a service: {@code check} fails with NOT_FOUND again, watchers see SERVICE_UNKNOWN. */
    public void clearStatus(String service) {
        synchronized (lock) {
            statuses.remove(service);
            notifyWatchers(service, ServingStatus.SERVICE_UNKNOWN);
        }
    }

    /** Marks every known service, the server included, NOT_SERVING for good: call it before a graceful shutdown. */
    public void enterShutdown() {
        synchronized (lock) {
            shutdown = true;
            for (String service : Set.copyOf(statuses.keySet())) {
                update(service, ServingStatus.NOT_SERVING);
            }
        }
    }

    @Override
    public HealthCheckResponse check(HealthCheckRequest request, ServerCallContext context) {
        ServingStatus status;
        synchronized (lock) {
            status = statuses.get(request.service());
        }
        if (status == null) {
            throw new StatusException(StatusCode.NOT_FOUND, "unknown service '" + request.service() + "'");
        }
        return response(status);
    }

    /** Sends the current status, then each change, until the call ends (the client cancels, or the connection goes). */
    @Override
    public void watch(
            HealthCheckRequest request, ResponseSink<HealthCheckResponse> responses, ServerCallContext context) {
        String service = request.service();
        Watcher watcher = new Watcher();
        synchronized (lock) {
            watcher.offer(statuses.getOrDefault(service, ServingStatus.SERVICE_UNKNOWN));
            watchers.computeIfAbsent(service, s -> new HashSet<>()).add(watcher);
        }
        context.onCancel(watcher::cancel);
        try {
            ServingStatus next;
            while ((next = watcher.next()) != null) {
                responses.send(response(next));
            }
        } finally {
            synchronized (lock) {
                Set<Watcher> set = watchers.get(service);
                set.remove(watcher);
                if (set.isEmpty()) {
                    watchers.remove(service);
                }
            }
        }
    }

    private void update(String service, ServingStatus status) {
        if (statuses.put(service, status) != status) {
            notifyWatchers(service, status);
        }
    }

    private void notifyWatchers(String service, ServingStatus status) {
        for (Watcher watcher : watchers.getOrDefault(service, Set.of())) {
            watcher.offer(status);
        }
    }

    private static HealthCheckResponse response(ServingStatus status) {
        return HealthCheckResponse.newBuilder().status(status).build();
    }

    /** One watch call's newest unsent status: a slot, not a queue, so a slow client costs nothing. */
    private static final class Watcher {
        private ServingStatus pending;
        private boolean cancelled;

        synchronized void offer(ServingStatus status) {
            pending = status;
            notifyAll();
        }

        synchronized void cancel() {
            cancelled = true;
            notifyAll();
        }

        /** The next status to send, or null once the call is cancelled. */
        synchronized ServingStatus next() {
            while (pending == null && !cancelled) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            if (cancelled) {
                return null;
            }
            ServingStatus status = pending;
            pending = null;
            return status;
        }
    }
}
