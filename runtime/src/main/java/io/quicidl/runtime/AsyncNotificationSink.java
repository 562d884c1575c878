package io.quicidl.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * The client side of a running asynchronous {@code @notifications} call: an ordered one-way
 * stream of messages (SPEC.md §5.5). The non-blocking form of {@link NotificationSink}.
 */
public interface AsyncNotificationSink<T> extends AsyncRequestSink<T> {
    /**
     * Completes once {@link #complete()} queued FIN behind the messages (delivery is guaranteed
     * by the connection's close handshake, as for {@link NotificationSink#complete()}); fails with
     * the call's failure, and with {@link #cancel()}. Cancelling it cancels the call.
     */
    CompletableFuture<Void> done();
}
