package io.quicidl.runtime.transport;

import io.quicidl.runtime.Limits;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.WireTap;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every connection of one endpoint shares: its side, limits, wire tap, handler executor,
 * liveness timeout and (server side) call router.
 */
public final class EndpointContext {
    private final boolean client;
    private final Limits limits;
    private final WireTap tap;
    private final Executor handlerExecutor;
    private final HandlerAdmission admission;
    private final Duration livenessTimeout;
    private final int maxCancelledCalls;
    private final long idleCallTimeoutNanos;
    private final CallRouter router;
    private final AtomicLong connectionNumbers = new AtomicLong();
    private final AtomicLong abusiveConnectionsClosed = new AtomicLong();
    private volatile boolean refusingConnections;

    /**
     * @param client whether this is the connecting side
     * @param admission server side: the bound on handlers, shared fairly by connections; null on the client
     * @param livenessTimeout while calls run, close the connection (failing them) when a PING to
     *     the peer goes unanswered this long (SPEC.md §6.4); null for no PINGs
     * @param maxCancelledCalls server side: the {@link ResetRateGuard}'s limit (SPEC.md §7.3); 0 for none
     * @param idleCallTimeout server side: end calls without a frame either way for this long
     *     (SPEC.md §7.3); null for no limit
     * @param router server side: where call streams go; null on the client
     */
    public EndpointContext(
            boolean client,
            Limits limits,
            WireTap tap,
            Executor handlerExecutor,
            HandlerAdmission admission,
            Duration livenessTimeout,
            int maxCancelledCalls,
            Duration idleCallTimeout,
            CallRouter router) {
        this.client = client;
        this.limits = limits;
        this.tap = tap;
        this.handlerExecutor = handlerExecutor;
        this.admission = admission;
        this.livenessTimeout = livenessTimeout;
        this.maxCancelledCalls = maxCancelledCalls;
        this.idleCallTimeoutNanos = idleCallTimeout == null ? 0 : idleCallTimeout.toNanos();
        this.router = router;
    }

    public boolean isClient() {
        return client;
    }

    public Limits limits() {
        return limits;
    }

    public Executor handlerExecutor() {
        return handlerExecutor;
    }

    /** Server side: the bound on handlers; null on the client. */
    public HandlerAdmission admission() {
        return admission;
    }

    /** Where a new connection runs its handlers: its share of the server's, or the client's executor. */
    Executor newConnectionExecutor() {
        return admission != null ? admission.newShare() : handlerExecutor;
    }

    public Duration livenessTimeout() {
        return livenessTimeout;
    }

    /** Server side: calls a client may cancel in the rapid-reset window before the ratio is looked at; 0 for no guard. */
    int maxCancelledCalls() {
        return maxCancelledCalls;
    }

    /** Server side: the idle-call timeout in nanoseconds; 0 for none. */
    long idleCallTimeoutNanos() {
        return idleCallTimeoutNanos;
    }

    public CallRouter router() {
        return router;
    }

    /** Server shutdown: from now on new connections are closed with REFUSED right after their handshake. */
    public void refuseNewConnections() {
        refusingConnections = true;
    }

    boolean refusingConnections() {
        return refusingConnections;
    }

    /** Server side: connections closed with EXCESSIVE_LOAD by their {@link ResetRateGuard}. */
    public long abusiveConnectionsClosed() {
        return abusiveConnectionsClosed.get();
    }

    void abusiveConnectionClosed() {
        abusiveConnectionsClosed.incrementAndGet();
    }

    long nextConnectionNumber() {
        return connectionNumbers.incrementAndGet();
    }

    void record(long connection, WireEvent.Type type, long streamId, long code, String detail) {
        if (tap != WireTap.NONE) {
            tap.record(new WireEvent(client ? "client" : "server", connection, type, streamId, code, detail));
        }
    }
}
