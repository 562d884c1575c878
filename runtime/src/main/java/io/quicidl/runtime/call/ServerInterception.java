package io.quicidl.runtime.call;

import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.ServerCallInfo;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.ServerInterceptor;
import io.quicidl.runtime.StatusException;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One server call passing through the interceptor chain, on the handler's thread: asks each
 * interceptor in order, then runs the handler inside their wraps and reports its end to their
 * listeners. A cancel reaches the listeners through the context, whenever it happens.
 */
final class ServerInterception implements ServerCallInfo {
    private final MethodDescriptor<?, ?> method;
    private final ServerContext context;
    private Metadata requestMetadata;
    private List<ServerCallListener> listeners = List.of();
    /** {@code null} when no listener observes anything. */
    private CallObserver observer;

    private ServerInterception(MethodDescriptor<?, ?> method, ServerContext context) {
        this.method = method;
        this.context = context;
        this.requestMetadata = context.requestMetadata();
    }

    /**
     * Runs the chain over a call about to be handled.
     *
     * @throws RuntimeException an interceptor's refusal, after the listeners before it saw it
     */
    static ServerInterception start(
            MethodDescriptor<?, ?> method, ServerCallContext context, List<ServerInterceptor> chain) {
        ServerInterception call = new ServerInterception(method, (ServerContext) context);
        List<ServerCallListener> accepted = new ArrayList<>(chain.size());
        for (ServerInterceptor interceptor : chain) {
            try {
                accepted.add(Objects.requireNonNull(
                        interceptor.interceptCall(call),
                        () -> interceptor.getClass().getName() + ".interceptCall returned null"));
            } catch (RuntimeException refusal) {
                CallObserver before = CallObserver.of(accepted);
                if (before != null) {
                    before.close(refusal);
                }
                throw refusal;
            }
        }
        call.listeners = accepted;
        call.observer = CallObserver.of(accepted);
        CallObserver observer = call.observer;
        if (observer != null) {
            ServerContext real = call.context;
            real.onCancel(() -> observer.close(real.cancellation()));
        }
        return call;
    }

    @Override
    public MethodDescriptor<?, ?> method() {
        return method;
    }

    @Override
    public ServerCallContext context() {
        return context;
    }

    @Override
    public Metadata requestMetadata() {
        return requestMetadata;
    }

    @Override
    public void setRequestMetadata(Metadata metadata) {
        this.requestMetadata = Objects.requireNonNull(metadata, "metadata");
    }

    /** The observer of the messages, or {@code null} when no listener wants them. */
    CallObserver messageObserver() {
        return observer != null && observer.observesMessages() ? observer : null;
    }

    /** The context the handler gets: the call's own, unless an interceptor replaced the metadata. */
    ServerCallContext handlerContext() {
        return requestMetadata == context.requestMetadata() ? context : new WithMetadata(context, requestMetadata);
    }

    /**
     * Runs {@code handler} inside the listeners' wraps, outermost first; a failure closes the
     * listeners with it and is rethrown. Success is for the caller to report ({@link #succeeded}):
     * an async handler's call ends later.
     */
    <T> T invoke(Supplier<T> handler) {
        List<Object> result = new ArrayList<>(1);
        Runnable body = () -> result.add(handler.get());
        for (int i = listeners.size() - 1; i >= 0; i--) {
            ServerCallListener listener = listeners.get(i);
            Runnable inner = body;
            body = () -> listener.runHandler(inner);
        }
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            failed(e);
            throw e;
        }
        if (result.size() != 1) {
            IllegalStateException broken =
                    new IllegalStateException("a ServerCallListener.runHandler did not run the handler exactly once");
            failed(broken);
            throw broken;
        }
        @SuppressWarnings("unchecked") // the value handler.get() returned
        T value = (T) result.get(0);
        return value;
    }

    /** The handler finished its work: OK, unless the call was cancelled meanwhile. */
    void succeeded() {
        if (observer != null) {
            observer.close(context.cancellation());
        }
    }

    /** The handler failed: its failure, unless the call was cancelled first (the usual cause). */
    void failed(Throwable failure) {
        if (observer != null) {
            StatusException cancellation = context.cancellation();
            observer.close(cancellation != null ? cancellation : failure);
        }
    }

    /** The call's context with the request metadata the interceptors left. */
    private record WithMetadata(ServerCallContext delegate, Metadata requestMetadata) implements ServerCallContext {
        @Override
        public MethodDescriptor<?, ?> method() {
            return delegate.method();
        }

        @Override
        public Optional<Instant> deadline() {
            return delegate.deadline();
        }

        @Override
        public SocketAddress peerAddress() {
            return delegate.peerAddress();
        }

        @Override
        public List<Certificate> peerCertificates() {
            return delegate.peerCertificates();
        }

        @Override
        public boolean isCancelled() {
            return delegate.isCancelled();
        }

        @Override
        public void onCancel(Runnable listener) {
            delegate.onCancel(listener);
        }

        @Override
        public void setResponseHeaders(Metadata headers) {
            delegate.setResponseHeaders(headers);
        }

        @Override
        public void setTrailers(Metadata trailers) {
            delegate.setTrailers(trailers);
        }
    }
}
