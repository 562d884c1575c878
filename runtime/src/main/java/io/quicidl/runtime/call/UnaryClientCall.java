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
    private final boolean completeOffLoop;

    private UnaryClientCall(
            CallConnection connection,
            MethodDescriptor<Req, Resp> method,
            CallOptions options,
            CallObserver observer,
            boolean completeOffLoop) {
        super(connection, method, options, observer);
        this.completeOffLoop = completeOffLoop;
    }

    /**
     * Starts the call. The future completes on the handler executor, so dependent stages never
     * run on the event loop; cancelling it cancels the call.
     */
    public static <Req, Resp> CompletableFuture<Resp> start(
            CallConnection connection,
            MethodDescriptor<Req, Resp> method,
            Req request,
            CallOptions options,
            CallObserver observer) {
        UnaryClientCall<Req, Resp> call = new UnaryClientCall<>(connection, method, options, observer, true);
        call.result.whenComplete((response, failure) -> {
            if (failure instanceof CancellationException) {
                call.cancel("the caller cancelled the future");
            }
        });
        call.start(request);
        return call.result;
    }

    /**
     * Makes the call and waits for its response. No executor hop: the waiting thread is the only
     * one that sees the result, so a saturated handler executor cannot delay it.
     *
     * @throws RuntimeException the call's failure: a {@code StatusException} or a declared error
     */
    public static <Req, Resp> Resp call(
            CallConnection connection,
            MethodDescriptor<Req, Resp> method,
            Req request,
            CallOptions options,
            CallObserver observer) {
        UnaryClientCall<Req, Resp> call = new UnaryClientCall<>(connection, method, options, observer, false);
        call.start(request);
        RuntimeException failure = call.awaitOutcome();
        if (failure != null) {
            throw failure;
        }
        return call.result.join();
    }

    @Override
    RuntimeException outcomeAtFin(StatusFrame status, int messages) {
        return singleResponseOutcome(status, messages);
    }

    @Override
    void terminated(RuntimeException failure) {
        Resp response = failure == null ? responses.poll() : null;
        if (completeOffLoop) {
            Completions.complete(connection.eventLoop(), connection.handlerExecutor(), result, response, failure);
        } else if (failure == null) {
            result.complete(response);
        }
    }
}
