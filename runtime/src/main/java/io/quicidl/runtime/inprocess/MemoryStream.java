package io.quicidl.runtime.inprocess;

import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.StreamListener;
import java.util.concurrent.atomic.AtomicBoolean;

/** One stream of a {@link MemoryLink}: the opener's end, the acceptor's end, one pipe per direction. */
final class MemoryStream {
    final long id;
    final boolean bidirectional;
    final StreamEnd openerEnd;
    final StreamEnd acceptorEnd;
    final Pipe forward;
    final Pipe backward;
    private final AtomicBoolean retired = new AtomicBoolean();

    MemoryStream(
            long id,
            boolean bidirectional,
            MemoryConnection opener,
            MemoryConnection acceptor,
            StreamListener listener) {
        this.id = id;
        this.bidirectional = bidirectional;
        this.openerEnd = new StreamEnd(this, opener, listener);
        this.acceptorEnd = new StreamEnd(this, acceptor, null);
        this.forward = new Pipe(this, openerEnd, acceptorEnd);
        this.backward = bidirectional ? new Pipe(this, acceptorEnd, openerEnd) : null;
        openerEnd.out = forward;
        openerEnd.in = backward;
        acceptorEnd.out = backward;
        acceptorEnd.in = forward;
    }

    /** Once both ends are released the stream no longer counts against its opener's credit. */
    void endReleased() {
        if (openerEnd.released() && acceptorEnd.released() && retired.compareAndSet(false, true)) {
            openerEnd.connection.streamClosed(bidirectional);
            openerEnd.connection.link.retired();
        }
    }

    /** Retired, and no byte left in a pipe or decoder. */
    boolean drained() {
        return retired.get() && forward.drained() && (backward == null || backward.drained());
    }

    /** {@code side} lost its connection: the pipes stop, and its end's call fails at once. */
    void lose(MemoryConnection side, String why) {
        forward.lose();
        if (backward != null) {
            backward.lose();
        }
        for (StreamEnd end : new StreamEnd[] {openerEnd, acceptorEnd}) {
            if (end.connection == side) {
                side.loop.execute(() -> {
                    StreamListener listener = end.listener;
                    if (listener != null && !end.released()) {
                        listener.onConnectionLost(StatusCode.UNAVAILABLE, why);
                    }
                });
            }
        }
    }

    String unreleased() {
        for (StreamEnd end : new StreamEnd[] {openerEnd, acceptorEnd}) {
            int releases = end.releases();
            if (end.listener != null && releases != 1) {
                return "stream " + id + " end of the " + (end.connection.isClient ? "client" : "server") + " released "
                        + releases + " times";
            }
        }
        return null;
    }

    void freeAfterShutdown() {
        forward.freeAfterShutdown();
        if (backward != null) {
            backward.freeAfterShutdown();
        }
    }
}
