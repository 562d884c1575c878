package io.quicidl.runtime.call;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.wire.StatusFrame;

/**
 * Client side of {@code @client_streaming} (SPEC.md §5.4): CALL, MESSAGE*, FIN out; one MESSAGE
 * or a STATUS back, possibly before the requests end.
 */
public final class ClientStreamingClientCall<Req, Resp> extends BidiClientCall<Req, Resp>
        implements ClientStreamCall<Req, Resp> {

    private ClientStreamingClientCall(
            CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options, CallObserver observer) {
        super(connection, method, options, observer);
    }

    /** Starts the call; requests follow through {@link #send}. */
    public static <Req, Resp> ClientStreamCall<Req, Resp> start(
            CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options, CallObserver observer) {
        ClientStreamingClientCall<Req, Resp> call =
                new ClientStreamingClientCall<>(connection, method, options, observer);
        call.start(null);
        return call;
    }

    @Override
    public void send(Req message) {
        sendMessage(message);
    }

    @Override
    public Resp complete() {
        finishRequest();
        RuntimeException failure = awaitOutcome();
        if (failure != null) {
            throw failure;
        }
        return responses.poll();
    }

    @Override
    public void cancel() {
        cancel("cancelled by the client");
    }

    @Override
    RuntimeException outcomeAtFin(StatusFrame status, int messages) {
        return singleResponseOutcome(status, messages);
    }
}
