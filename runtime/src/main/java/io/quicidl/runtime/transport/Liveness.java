package io.quicidl.runtime.transport;

import io.netty.util.concurrent.ScheduledFuture;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.PingFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Liveness of the peer (SPEC.md §6.4), the same on both sides: with a liveness timeout set and
 * calls in flight, PINGs the peer on the control stream every quarter of the timeout and closes
 * with UNRESPONSIVE when a PING goes unanswered for the timeout. A peer that vanishes is thus
 * noticed at most 1.25 timeouts after its last answer, long before QUIC's idle timeout. Either
 * side answers the peer's PING with a PONG at once.
 *
 * <p>Runs on the connection's event loop: the timers are its scheduled tasks, and PINGs and
 * PONGs arrive there.
 */
final class Liveness {
    private final QuicConnection connection;
    private ScheduledFuture<?> pinger;
    /** Fires when the PING in flight has gone unanswered for the timeout; null while none is. */
    private ScheduledFuture<?> expiry;
    /** The opaque value of the PING in flight, which its PONG echoes. */
    private long pingOpaque;

    Liveness(QuicConnection connection) {
        this.connection = connection;
    }

    /** Calls are in flight: PING the peer, if this endpoint has a liveness timeout. */
    void start() {
        Duration timeout = connection.context().livenessTimeout();
        if (pinger != null || timeout == null || !connection.channel().isOpen()) {
            return;
        }
        long period = timeout.toNanos() / 4;
        pinger = connection.eventLoop().scheduleAtFixedRate(this::ping, period, period, TimeUnit.NANOSECONDS);
    }

    /** No call is in flight any more (or the connection closed): QUIC's idle timeout applies again. */
    void stop() {
        if (pinger != null) {
            pinger.cancel(false);
            pinger = null;
        }
        if (expiry != null) {
            // A PING still in flight is not held against the peer: nothing depended on it.
            expiry.cancel(false);
            expiry = null;
        }
    }

    private void ping() {
        if (expiry != null || !connection.channel().isActive()) {
            // One PING in flight is enough: its expiry judges the peer. Before the handshake
            // completes there is no control stream to carry one, and the handshake timeout rules.
            return;
        }
        Duration timeout = connection.context().livenessTimeout();
        pingOpaque = System.nanoTime();
        expiry = connection.eventLoop().schedule(() -> unanswered(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        connection.control().send(Frames.encode(connection.alloc(), new PingFrame(false, pingOpaque)));
    }

    private void unanswered(Duration timeout) {
        expiry = null;
        String why = "the peer stopped answering PINGs for " + timeout.toMillis() + " ms";
        connection.record(WireEvent.Type.CONNECTION_LOST, -1, ErrorCode.UNRESPONSIVE.value(), why);
        connection.closer().closeWith(ErrorCode.UNRESPONSIVE, why);
    }

    /** A PING or PONG from the peer's control stream: answer a PING, note the PONG of ours. */
    void peerPing(PingFrame ping) {
        if (!ping.pong()) {
            connection.control().send(Frames.encode(connection.alloc(), new PingFrame(true, ping.opaque())));
        } else if (expiry != null && ping.opaque() == pingOpaque) {
            expiry.cancel(false);
            expiry = null;
        }
    }
}
