package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerMethod.ServerStreamingHandler;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;

/**
 * Server side of {@code @server_streaming} (SPEC.md §5.3): the handler runs once the request
 * half is complete and streams MESSAGEs; its return sends STATUS OK and FIN.
 */
final class ServerStreamingServerCall<Req, Resp> extends BidiServerCall<Req, Resp> {
    private final ServerStreamingHandler<Req, Resp> handler;

    ServerStreamingServerCall(
            StreamPort port,
            CallFrame call,
            MethodDescriptor<Req, Resp> method,
            ServerStreamingHandler<Req, Resp> handler) {
        super(port, call, method);
        this.handler = handler;
    }

    @Override
    void runHandler(Req request) {
        handler.handle(request, responseSink(), context);
        respondStatus(Statuses.ok(context.trailers(), 0));
    }
}
