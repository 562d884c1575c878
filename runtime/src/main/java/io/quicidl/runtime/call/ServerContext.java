package io.quicidl.runtime.call;

import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/** The {@link ServerCallContext} of one server call. Thread-safe. */
final class ServerContext implements ServerCallContext {
    private final MethodDescriptor<?, ?> method;
    private final Metadata requestMetadata;
    private final Instant deadline;
    private final CallConnection connection;
    private final List<Runnable> cancelListeners = new ArrayList<>();
    private StatusException cancellation;
    private Metadata responseHeaders = Metadata.empty();
    private Metadata trailers = Metadata.empty();

    ServerContext(
            MethodDescriptor<?, ?> method, Metadata requestMetadata, Deadline deadline, CallConnection connection) {
        this.method = method;
        this.requestMetadata = requestMetadata;
        this.deadline = deadline == null ? null : Instant.now().plusNanos(deadline.remainingNanos());
        this.connection = connection;
    }

    @Override
    public MethodDescriptor<?, ?> method() {
        return method;
    }

    @Override
    public Metadata requestMetadata() {
        return requestMetadata;
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    @Override
    public SocketAddress peerAddress() {
        return connection.remoteAddress();
    }

    @Override
    public List<Certificate> peerCertificates() {
        return connection.peerCertificates();
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancellation != null;
    }

    /** Why the call is over for the client, or {@code null} while it runs. */
    synchronized StatusException cancellation() {
        return cancellation;
    }

    @Override
    public void onCancel(Runnable listener) {
        Objects.requireNonNull(listener);
        synchronized (this) {
            if (cancellation == null) {
                cancelListeners.add(listener);
                return;
            }
        }
        runOffLoop(listener);
    }

    /** Marks the call cancelled once and runs the listeners on the handler executor. */
    void cancel(StatusException reason) {
        List<Runnable> listeners;
        synchronized (this) {
            if (cancellation != null) {
                return;
            }
            cancellation = reason;
            listeners = List.copyOf(cancelListeners);
            cancelListeners.clear();
        }
        listeners.forEach(this::runOffLoop);
    }

    private void runOffLoop(Runnable listener) {
        try {
            connection.handlerExecutor().execute(listener);
        } catch (RejectedExecutionException e) {
            listener.run();
        }
    }

    @Override
    public synchronized void setResponseHeaders(Metadata headers) {
        this.responseHeaders = Objects.requireNonNull(headers);
    }

    synchronized Metadata responseHeaders() {
        return responseHeaders;
    }

    @Override
    public synchronized void setTrailers(Metadata trailers) {
        this.trailers = Objects.requireNonNull(trailers);
    }

    synchronized Metadata trailers() {
        return trailers;
    }
}
