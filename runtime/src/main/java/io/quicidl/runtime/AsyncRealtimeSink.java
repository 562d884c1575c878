package io.quicidl.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * The client side of a running asynchronous {@code @realtime} call (SPEC.md §5.7): each message
 * travels on its own stream and supersedes the older ones still in flight. The non-blocking
 * form of {@link RealtimeSink}: a {@link #send}'s stage completes when the message's stream took
 * it, never waiting for older messages.
 */
public interface AsyncRealtimeSink<T> extends AsyncRequestSink<T> {
    /**
     * Completes once {@link #complete()} ended the call with its end stream; fails with the call's
     * failure, and with {@link #cancel()}. Cancelling it cancels the call.
     */
    CompletableFuture<Void> done();
}
