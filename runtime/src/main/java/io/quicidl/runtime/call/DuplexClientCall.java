package io.quicidl.runtime.call;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.transport.CallConnection;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client side of {@code @duplex} (SPEC.md §5.4): CALL, MESSAGE*, FIN out while MESSAGE*,
 * STATUS, FIN come back. Cancel resets and stops as a unit.
 */
public final class DuplexClientCall<Req, Resp> extends BidiClientCall<Req, Resp> implements DuplexCall<Req, Resp> {
    private final AtomicBoolean iterated = new AtomicBoolean();

    private DuplexClientCall(
            CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options, CallObserver observer) {
        super(connection, method, options, observer);
    }

    /** Starts the call. */
    public static <Req, Resp> DuplexCall<Req, Resp> start(
            CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options, CallObserver observer) {
        DuplexClientCall<Req, Resp> call = new DuplexClientCall<>(connection, method, options, observer);
        call.start(null);
        return call;
    }

    @Override
    public void send(Req message) {
        sendMessage(message);
    }

    @Override
    public void complete() {
        finishRequest();
    }

    @Override
    public void cancel() {
        cancel("cancelled by the client");
    }

    @Override
    public Iterator<Resp> iterator() {
        return BlockingIterator.once(iterated, responses, () -> cancel("interrupted"));
    }

    @Override
    public void close() {
        cancel("the client closed the call");
    }
}
