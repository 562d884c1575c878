package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ServerMethod.RequestsHandler;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameException;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.HalfGrammar;
import io.quicidl.runtime.wire.StatusFrame;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server side of {@code @notifications} (SPEC.md §5.5): one client uni stream, CALL, MESSAGE*,
 * FIN. With no response half, every failure is a STOP_SENDING whose STREAM_STOPPED frame carries
 * the status: FAILED for handler errors, RESOURCE_EXHAUSTED or PROTOCOL_ERROR for bad input.
 * Threads as in {@link BidiServerCall}.
 */
final class NotificationsServerCall<Req> implements StreamListener {
    private static final System.Logger LOG = System.getLogger(NotificationsServerCall.class.getName());
    private static final int REQUEST_BUFFER = 4;

    private final CallConnection connection;
    private final MethodDescriptor<Req, ?> method;
    private final RequestsHandler<Req> handler;
    private final CallStream stream;
    private final Deadline deadline;
    private final ServerContext context;
    private final HalfGrammar grammar;
    private final InboundBuffer<Req> requests = new InboundBuffer<>(REQUEST_BUFFER);
    private final AtomicBoolean iterated = new AtomicBoolean();
    /** Finish once, the deadline timer and the lock; cancels {@link #context}. */
    private final CallLifecycle lifecycle;

    private boolean draining;

    NotificationsServerCall(
            StreamPort port, CallFrame call, MethodDescriptor<Req, ?> method, RequestsHandler<Req> handler) {
        this.connection = port.connection();
        this.method = method;
        this.handler = handler;
        this.stream = new CallStream(port, false, true);
        this.deadline = Deadline.forServer(call.timeoutMicros());
        this.context = new ServerContext(method, call.metadata(), deadline, connection);
        this.lifecycle = new CallLifecycle(stream, context);
        this.grammar = HalfGrammar.requestHalf(method.pattern());
        grammar.accept(FrameType.CALL);
    }

    /** Starts reading and runs the handler; event loop, right after the router accepted the call. */
    void begin() {
        if (deadline != null) {
            lifecycle.startDeadline(
                    deadline, connection.eventLoop(), () -> fail(deadline.exceeded(), ErrorCode.DEADLINE_EXCEEDED));
        }
        long idleTimeout = IdleWatch.timeoutFor(connection, deadline);
        lifecycle.watchIdle(
                idleTimeout,
                connection.eventLoop(),
                () -> fail(IdleWatch.failure(idleTimeout), ErrorCode.DEADLINE_EXCEEDED));
        requests.attach(stream.port());
        try {
            connection.handlerExecutor().execute(this::invokeHandler);
        } catch (RejectedExecutionException e) {
            fail(new StatusException(StatusCode.UNAVAILABLE, Statuses.refusal(e)), ErrorCode.REFUSED);
        }
    }

    private void invokeHandler() {
        RequestStream<Req> stream = () -> BlockingIterator.once(iterated, requests, () -> {});
        try {
            handler.handle(stream, context);
            handlerReturned();
        } catch (Throwable t) {
            if (context.isCancelled()) {
                LOG.log(Level.DEBUG, () -> "handler of cancelled call " + method.fullName() + " ended with " + t);
                return;
            }
            StatusFrame status = Statuses.ofHandlerFailure(method, t, context.trailers());
            fail(new StatusException(status.code(), status.message()), ErrorCode.FAILED);
        }
    }

    /**
     * The handler is done. SPEC.md §5.5: the server then reads the stream to its FIN and sends
     * nothing, so what is left is read and dropped.
     */
    private void handlerReturned() {
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            if (!stream.receiveOpen()) {
                lifecycle.succeed(Abort.none());
                return;
            }
            draining = true;
            requests.end(new StatusException(StatusCode.CANCELLED, "the handler has returned"), true);
            stream.port().requestRead();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Stops the stream with {@code code}, telling the client {@code status} (SPEC.md §5.5): with no
     * response half, the STOP_SENDING carries the call's status, so it is sent here rather than
     * through an {@link Abort}.
     */
    private void fail(StatusException status, ErrorCode code) {
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            stream.stop(code, status.code(), status.description());
            finish(status, Abort.none());
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void onFrame(Frame frame) {
        requests.frameArrived();
        lifecycle.progressed();
        try {
            lifecycle.lock();
            try {
                if (lifecycle.isDone()) {
                    return;
                }
                grammar.accept(frame.type());
                int size = frame.content().readableBytes();
                if (Messages.overMethodLimit(method, size)) {
                    fail(
                            new StatusException(
                                    StatusCode.RESOURCE_EXHAUSTED,
                                    "message of " + size + " bytes exceeds the method's limit"),
                            ErrorCode.RESOURCE_EXHAUSTED);
                    return;
                }
                if (draining) {
                    stream.port().requestRead();
                    return;
                }
                requests.add(Messages.decode(method.requestCodec(), frame.content()), size);
            } finally {
                lifecycle.unlock();
            }
        } catch (FrameException e) {
            fail(new StatusException(StatusCode.INTERNAL, e.getMessage()), ErrorCode.PROTOCOL_ERROR);
        } catch (Messages.DecodeFailure e) {
            fail(new StatusException(StatusCode.INVALID_ARGUMENT, e.getMessage()), ErrorCode.PROTOCOL_ERROR);
        } finally {
            frame.release();
        }
        requests.demand();
    }

    @Override
    public void onFin() {
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            try {
                grammar.end();
            } catch (FrameException e) {
                fail(new StatusException(StatusCode.INTERNAL, e.getMessage()), ErrorCode.PROTOCOL_ERROR);
                return;
            }
            stream.receiveEnded();
            requests.end(null, false);
            if (draining) {
                lifecycle.succeed(Abort.none());
            }
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
        if (!peerReset) {
            fail(Codes.receiveFailure(code, detail), code);
            return;
        }
        StatusException cancellation = Codes.peerAborted(code, "reset");
        if (lifecycle.finishReceiveEnded(cancellation, Abort.none())) {
            requests.end(cancellation, true);
        }
    }

    @Override
    public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

    @Override
    public void onWritable() {}

    @Override
    public void onConnectionLost(StatusCode code, String description) {
        StatusException cancellation = new StatusException(code, description);
        if (lifecycle.connectionLost(cancellation)) {
            requests.end(cancellation, true);
        }
    }

    /** Ends the call once with what the handler sees as its cancellation. */
    private void finish(StatusException cancellation, Abort abort) {
        if (lifecycle.finish(cancellation, abort)) {
            requests.end(cancellation, true);
        }
    }
}
