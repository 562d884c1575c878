package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerMethod.UnaryHandler;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import java.util.Objects;

/**
 * Server side of {@code @unary} (SPEC.md §5.2): the handler runs once the request half is
 * complete (CALL, MESSAGE, FIN); success is MESSAGE and FIN.
 */
final class UnaryServerCall<Req, Resp> extends BidiServerCall<Req, Resp> {
    private final UnaryHandler<Req, Resp> handler;
    private final boolean onEventLoop;

    UnaryServerCall(
            StreamPort port,
            CallFrame call,
            MethodDescriptor<Req, Resp> method,
            UnaryHandler<Req, Resp> handler,
            boolean onEventLoop) {
        super(port, call, method);
        this.handler = handler;
        this.onEventLoop = onEventLoop;
    }

    @Override
    boolean runsOnEventLoop() {
        return onEventLoop;
    }

    @Override
    void runHandler(Req request) {
        respond(Objects.requireNonNull(handler.handle(request, context), "the handler returned null"));
    }
}
