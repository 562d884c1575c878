package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerMethod.DuplexHandler;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;

/**
 * Server side of {@code @duplex} (SPEC.md §5.4): the handler starts with the CALL, reads and
 * writes at once; its return sends STATUS OK and FIN.
 */
final class DuplexServerCall<Req, Resp> extends BidiServerCall<Req, Resp> {
    private final DuplexHandler<Req, Resp> handler;

    DuplexServerCall(
            StreamPort port, CallFrame call, MethodDescriptor<Req, Resp> method, DuplexHandler<Req, Resp> handler) {
        super(port, call, method);
        this.handler = handler;
    }

    @Override
    void runHandler(Req request) {
        handler.handle(requestStream(), responseSink(), context);
        respondStatus(Statuses.ok(context.trailers(), 0));
    }
}
