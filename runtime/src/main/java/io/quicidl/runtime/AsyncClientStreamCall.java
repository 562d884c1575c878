package io.quicidl.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * The client side of a running asynchronous {@code @client_streaming} call: {@link #send}
 * requests, {@link #complete()}, and the {@link #response()} arrives. The non-blocking form of
 * {@link ClientStreamCall}.
 */
public interface AsyncClientStreamCall<Req, Resp> extends AsyncRequestSink<Req> {
    /**
     * The response, completed on the client's handler executor after {@link #complete()};
     * failed with the call's failure ({@link StatusException} or the method's
     * {@link DeclaredError}), and with {@link #cancel()}. Cancelling it cancels the call.
     */
    CompletableFuture<Resp> response();
}
