package io.quicidl.runtime.call;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.wire.StatusFrame;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/** Client side of {@code @unary} (SPEC.md §5.2): CALL, MESSAGE, FIN out; one MESSAGE or a STATUS back. */
public final class UnaryClientCall<Req, Resp> extends BidiClientCall<Req, Resp> {
    private final CompletableFuture<Resp> result = new CompletableFuture<>();

    private UnaryClientCall(CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options) {
        super(connection, method, options);
    }

    /**
     * Starts the call. The future completes on the handler executor; cancelling it cancels the
     * call.
     */
    public static <Req, Resp> CompletableFuture<Resp> start(
            CallConnection connection, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        UnaryClientCall<Req, Resp> call = new UnaryClientCall<>(connection, method, options);
        call.result.whenComplete((response, failure) -> {
            if (failure instanceof CancellationException) {
                call.cancel("the caller cancelled the future");
            }
        });
        call.start(request);
        return call.result;
    }

    @Override
    RuntimeException outcomeAtFin(StatusFrame status, int messages) {
        return singleResponseOutcome(status, messages);
    }

    @Override
    void terminated(RuntimeException failure) {
        Completions.complete(connection.handlerExecutor(), result, failure == null ? responses.poll() : null, failure);
    }
}
