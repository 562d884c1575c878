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
import java.util.concurrent.ScheduledFuture;
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
    private ScheduledFuture<?> deadlineTimer;
    private boolean draining;
    private boolean done;

    NotificationsServerCall(StreamPort port, CallFrame call, MethodDescriptor<Req, ?> method, RequestsHandler<Req> handler) {
        this.connection = port.connection();
        this.method = method;
        this.handler = handler;
        this.stream = new CallStream(port, false, true);
        this.deadline = Deadline.forServer(call.timeoutMicros());
        this.context = new ServerContext(method, call.metadata(), deadline, connection);
        this.grammar = HalfGrammar.requestHalf(method.pattern());
        grammar.accept(FrameType.CALL);
    }

    /** Starts reading and runs the handler; event loop, right after the router accepted the call. */
    void begin() {
        if (deadline != null) {
            deadlineTimer = deadline.schedule(connection.eventLoop(),
                    () -> fail(deadline.exceeded(), ErrorCode.DEADLINE_EXCEEDED));
        }
        requests.attach(stream.port());
        try {
            connection.handlerExecutor().execute(this::invokeHandler);
        } catch (RejectedExecutionException e) {
            fail(new StatusException(StatusCode.UNAVAILABLE, "the server is not accepting calls"), ErrorCode.REFUSED);
        }
    }

    private void invokeHandler() {
        RequestStream<Req> stream = () -> BlockingIterator.once(iterated, requests, () -> { });
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
    private synchronized void handlerReturned() {
        if (done) {
            return;
        }
        if (!stream.receiveOpen()) {
            finish(null);
            return;
        }
        draining = true;
        requests.end(new StatusException(StatusCode.CANCELLED, "the handler has returned"), true);
        stream.port().requestRead();
    }

    /** Stops the stream with {@code code}, telling the client {@code status} (SPEC.md §5.5). */
    private void fail(StatusException status, ErrorCode code) {
        synchronized (this) {
            if (done) {
                return;
            }
            stream.stop(code, status.code(), status.description());
            finish(status);
        }
    }

    @Override
    public void onFrame(Frame frame) {
        requests.frameArrived();
        try {
            synchronized (this) {
                if (done) {
                    return;
                }
                grammar.accept(frame.type());
                int size = frame.content().readableBytes();
                if (Messages.overMethodLimit(method, size)) {
                    fail(new StatusException(StatusCode.RESOURCE_EXHAUSTED,
                            "message of " + size + " bytes exceeds the method's limit"), ErrorCode.RESOURCE_EXHAUSTED);
                    return;
                }
                if (draining) {
                    stream.port().requestRead();
                    return;
                }
                requests.add(Messages.decode(method.requestCodec(), frame.content()), size);
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
    public synchronized void onFin() {
        if (done) {
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
            finish(null);
        }
    }

    @Override
    public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
        if (!peerReset) {
            fail(Codes.receiveFailure(code, detail), code);
            return;
        }
        synchronized (this) {
            stream.receiveEnded();
            finish(Codes.peerAborted(code, "reset"));
        }
    }

    @Override
    public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

    @Override
    public void onWritable() {}

    @Override
    public synchronized void onConnectionLost(StatusCode code, String description) {
        stream.connectionLost();
        finish(new StatusException(code, description));
    }

    /** Ends the call once; a {@code cancellation} is what the handler sees, {@code null} after it returned. */
    private synchronized void finish(StatusException cancellation) {
        if (done) {
            return;
        }
        done = true;
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        stream.release();
        if (cancellation != null) {
            context.cancel(cancellation);
            requests.end(cancellation, true);
        }
    }
}
