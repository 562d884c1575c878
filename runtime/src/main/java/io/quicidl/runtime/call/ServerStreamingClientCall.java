package io.quicidl.runtime.call;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.transport.CallConnection;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client side of {@code @server_streaming} (SPEC.md §5.3): CALL, MESSAGE, FIN out; MESSAGE*,
 * STATUS, FIN back. Closing early stops the response half with CANCELLED.
 */
public final class ServerStreamingClientCall<Req, Resp> extends BidiClientCall<Req, Resp>
        implements ResponseStream<Resp> {
    private final AtomicBoolean iterated = new AtomicBoolean();

    private ServerStreamingClientCall(
            CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options, CallObserver observer) {
        super(connection, method, options, observer);
    }

    /** Starts the call. */
    public static <Req, Resp> ResponseStream<Resp> start(
            CallConnection connection,
            MethodDescriptor<Req, Resp> method,
            Req request,
            CallOptions options,
            CallObserver observer) {
        ServerStreamingClientCall<Req, Resp> call =
                new ServerStreamingClientCall<>(connection, method, options, observer);
        call.start(request);
        return call;
    }

    @Override
    public Iterator<Resp> iterator() {
        return BlockingIterator.once(iterated, responses, () -> cancel("interrupted"));
    }

    @Override
    public void close() {
        cancel("the client closed the response stream");
    }
}
