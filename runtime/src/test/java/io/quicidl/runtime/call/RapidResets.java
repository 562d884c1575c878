package io.quicidl.runtime.call;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.TestAccess;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A rapid-reset attacker's streams, for the tests that attack a server with them. */
final class RapidResets {
    private RapidResets() {}

    /**
     * Opens call streams of the 100 ms method and cancels each right after its request: CALL,
     * MESSAGE and FIN, then RESET_STREAM and STOP_SENDING with CANCELLED, at most {@code window}
     * at a time. Stops when the connection goes or {@code streams} streams were sent over all
     * attackers sharing {@code sent}; fails when no stream could open for 60 seconds.
     */
    static void openAndReset(Client attacker, AtomicLong sent, long streams, int window) throws InterruptedException {
        CompletableFuture<Void> closed = TestAccess.connection(attacker).closeFuture();
        Semaphore free = new Semaphore(window);
        while (!closed.isDone() && sent.getAndIncrement() < streams) {
            if (!free.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the attacker's streams stopped opening after " + sent.get()
                        + " streams, with " + free.availablePermits() + " of " + window
                        + " free; connection closed: " + closed.isDone());
            }
            CompletableFuture<StreamPort> opened =
                    TestAccess.connection(attacker).openStream(true, DiscardingListener.INSTANCE);
            opened.whenComplete((port, error) -> {
                if (error != null) {
                    free.release();
                    return;
                }
                port.write(RawStreams.call(HostileService.SLOW, 0));
                port.writeAndFinish(RawStreams.message("never mind"));
                // Next event-loop turn: the request has gone to QUIC before the reset.
                port.connection().eventLoop().execute(() -> {
                    port.reset(ErrorCode.CANCELLED);
                    port.stop(ErrorCode.CANCELLED, null, "");
                    port.release();
                    free.release();
                });
            });
        }
    }
}
