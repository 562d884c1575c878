package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerMethod.AsyncUnaryHandler;
import io.quicidl.runtime.ServerMethod.UnaryHandler;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Server side of {@code @unary} (SPEC.md §5.2): the handler runs once the request half is
 * complete (CALL, MESSAGE, FIN); success is MESSAGE and FIN. A blocking {@link UnaryHandler}
 * runs on the handler executor; an {@link AsyncUnaryHandler}, non-blocking by its signature, on
 * the event loop, and its stage ends the call from whatever thread completes it.
 */
final class UnaryServerCall<Req, Resp> extends BidiServerCall<Req, Resp> {
    private final Object handler;

    /** @param handler a {@link UnaryHandler} or an {@link AsyncUnaryHandler} */
    UnaryServerCall(StreamPort port, CallFrame call, MethodDescriptor<Req, Resp> method, Object handler) {
        super(port, call, method);
        this.handler = handler;
    }

    @Override
    boolean runsOnEventLoop() {
        return handler instanceof AsyncUnaryHandler;
    }

    // The constructor's caller passes a handler of this method's types.
    @SuppressWarnings("unchecked")
    @Override
    void runHandler(Req request) {
        if (handler instanceof AsyncUnaryHandler<?, ?> async) {
            CompletionStage<Resp> stage = Objects.requireNonNull(
                    ((AsyncUnaryHandler<Req, Resp>) async).handle(request, context), "the handler returned null");
            stage.whenComplete(this::completed);
        } else {
            Resp response = ((UnaryHandler<Req, Resp>) handler).handle(request, context);
            respond(Objects.requireNonNull(response, "the handler returned null"));
        }
    }

    private void completed(Resp response, Throwable failure) {
        if (failure != null) {
            handlerFailed(
                    failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure);
        } else if (response == null) {
            handlerFailed(new NullPointerException("the handler's stage completed with null"));
        } else {
            respond(response);
        }
    }
}
