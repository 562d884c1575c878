package io.quicidl.runtime.transport;

import io.netty.util.concurrent.ScheduledFuture;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.PingFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Liveness of the peer (SPEC.md §6.4). Client, with a liveness timeout set: while calls are in
 * flight, PINGs the server on the control stream and closes with UNRESPONSIVE when no PONG came
 * for the timeout. Either side answers the peer's PING with a PONG at once.
 *
 * <p>Runs on the connection's event loop: the timer is one of its scheduled tasks, and PINGs and
 * PONGs arrive there.
 */
final class Liveness {
    private final QuicConnection connection;
    private ScheduledFuture<?> task;
    /** When the oldest PING still unanswered went out, 0 when every PING was answered. */
    private long unansweredPingSince;

    Liveness(QuicConnection connection) {
        this.connection = connection;
    }

    /** Calls are in flight: PING the server, if this is a client with a liveness timeout. */
    void start() {
        Duration timeout = connection.context().livenessTimeout();
        if (task != null || timeout == null || !connection.isClient()) {
            return;
        }
        long timeoutNanos = timeout.toNanos();
        unansweredPingSince = 0;
        task = connection
                .eventLoop()
                .scheduleAtFixedRate(
                        () -> check(timeoutNanos), timeoutNanos / 4, timeoutNanos / 4, TimeUnit.NANOSECONDS);
    }

    /** No call is in flight any more (or the connection closed): QUIC's idle timeout applies again. */
    void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void check(long timeoutNanos) {
        long now = System.nanoTime();
        // Judge only a PING that went out: a busy event loop that runs this late is not a dead peer.
        if (unansweredPingSince != 0 && now - unansweredPingSince >= timeoutNanos) {
            String why = "the peer stopped answering PINGs for "
                    + connection.context().livenessTimeout().toMillis() + " ms";
            connection.record(WireEvent.Type.CONNECTION_LOST, -1, ErrorCode.UNRESPONSIVE.value(), why);
            connection.closer().closeWith(ErrorCode.UNRESPONSIVE, why);
            return;
        }
        if (unansweredPingSince == 0) {
            unansweredPingSince = now;
        }
        connection.control().send(Frames.encode(connection.alloc(), new PingFrame(false, now)));
    }

    /** A PING or PONG from the peer's control stream: answer a PING, note a PONG. */
    void peerPing(PingFrame ping) {
        if (ping.pong()) {
            unansweredPingSince = 0;
        } else {
            connection.control().send(Frames.encode(connection.alloc(), new PingFrame(true, ping.opaque())));
        }
    }
}
