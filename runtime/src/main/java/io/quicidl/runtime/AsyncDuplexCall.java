package io.quicidl.runtime;

import java.util.concurrent.Flow;

/**
 * The client side of a running asynchronous {@code @duplex} call: {@link #send} requests and
 * {@link #complete()} while the {@link #responses()} arrive. The non-blocking form of
 * {@link DuplexCall}.
 *
 * <p>The call runs from its start: subscribe to the responses (reading them is what lets the
 * server go on sending) or {@link #cancel()} it; a call left alone runs until its deadline.
 */
public interface AsyncDuplexCall<Req, Resp> extends AsyncRequestSink<Req> {
    /**
     * The responses, for one subscriber (a second one gets {@code onError} with an
     * {@link IllegalStateException}). They are read from the network only as far as the
     * subscriber requested; signals arrive on the client's handler executor. The publisher
     * completes when the server ended the call successfully and fails with the call's failure;
     * cancelling the subscription cancels the call.
     */
    Flow.Publisher<Resp> responses();
}
