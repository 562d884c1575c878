package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerMethod.ClientStreamingHandler;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import java.util.Objects;

/**
 * Server side of {@code @client_streaming} (SPEC.md §5.4): the handler starts with the CALL and
 * reads requests as they come; its return value is sent as MESSAGE and FIN, even before the
 * requests end (the request half is then stopped with NO_ERROR).
 */
final class ClientStreamingServerCall<Req, Resp> extends BidiServerCall<Req, Resp> {
    private final ClientStreamingHandler<Req, Resp> handler;

    ClientStreamingServerCall(
            StreamPort port,
            CallFrame call,
            MethodDescriptor<Req, Resp> method,
            ClientStreamingHandler<Req, Resp> handler) {
        super(port, call, method);
        this.handler = handler;
    }

    @Override
    void runHandler(Req request) {
        respond(Objects.requireNonNull(handler.handle(requestStream(), context), "the handler returned null"));
    }
}
