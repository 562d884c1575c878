package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
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
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.HalfGrammar;
import io.quicidl.runtime.wire.HeadersFrame;
import io.quicidl.runtime.wire.StatusFrame;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server side of a call on one client-opened bidi stream (SPEC.md §5.1–5.4, §5.6 control
 * stream). The subclass of each pattern runs its handler; this class owns the stream, the frame
 * order of the request half ({@link HalfGrammar}), the bounded request buffer, flow control of
 * the response half, the deadline, and the reactions to FIN, reset, stop and connection loss.
 *
 * <p>Threads: {@link StreamListener} methods and the deadline run on the event loop and never
 * block; the handler and everything it calls run on the handler executor and may block. The
 * {@link CallLifecycle}'s lock guards the state; port calls under it never block.
 */
abstract class BidiServerCall<Req, Resp> implements StreamListener {
    private static final System.Logger LOG = System.getLogger(BidiServerCall.class.getName());
    private static final int REQUEST_BUFFER = 4;

    final CallConnection connection;
    final MethodDescriptor<Req, Resp> method;
    final ServerContext context;

    private final CallStream stream;
    private final Deadline deadline;
    private final HalfGrammar requestGrammar;
    private final InboundBuffer<Req> requests = new InboundBuffer<>(REQUEST_BUFFER);
    private final AtomicBoolean requestsIterated = new AtomicBoolean();
    /**
     * Finish once, the deadline timer, the lock and its waiters; cancels {@link #context}. The
     * subclass guards its own state with the same lock.
     */
    final CallLifecycle lifecycle;

    private boolean headersSent;
    private boolean handlerStarted;

    BidiServerCall(StreamPort port, CallFrame call, MethodDescriptor<Req, Resp> method) {
        this.connection = port.connection();
        this.method = method;
        this.stream = new CallStream(port, true, true);
        this.deadline = Deadline.forServer(call.timeoutMicros());
        this.context = new ServerContext(method, call.metadata(), deadline, connection);
        this.lifecycle = new CallLifecycle(stream, context);
        this.requestGrammar = HalfGrammar.requestHalf(method.pattern());
        requestGrammar.accept(FrameType.CALL);
    }

    /** Whether the handler runs on the connection's event loop rather than the handler executor. */
    boolean runsOnEventLoop() {
        return false;
    }

    /** Starts reading the request half; event loop, right after the router accepted the call. */
    final void begin() {
        if (deadline != null) {
            lifecycle.startDeadline(
                    deadline,
                    connection.eventLoop(),
                    () -> finish(deadline.exceeded(), Abort.both(ErrorCode.DEADLINE_EXCEEDED)));
        }
        long idleTimeout = IdleWatch.timeoutFor(connection, deadline);
        lifecycle.watchIdle(
                idleTimeout,
                connection.eventLoop(),
                () -> finish(IdleWatch.failure(idleTimeout), Abort.both(ErrorCode.DEADLINE_EXCEEDED)));
        requests.attach(stream.port());
        if (method.pattern().clientStreaming()) {
            startHandler(null);
        }
    }

    /**
     * Runs the handler on the calling (executor) thread and writes its outcome with
     * {@link #respond} or {@link #respondStatus}.
     *
     * @param request the single request of single-request patterns, else {@code null}
     */
    abstract void runHandler(Req request);

    /**
     * Called once when the call ends without a complete response: release what the subclass
     * holds, aborting with {@code code}.
     */
    void abandoned(ErrorCode code) {}

    /** The handler's view of the request half. */
    final RequestStream<Req> requestStream() {
        return () -> BlockingIterator.once(requestsIterated, requests, () -> {});
    }

    /** The handler's view of the response half. */
    final ResponseSink<Resp> responseSink() {
        return this::sendResponse;
    }

    private void startHandler(Req request) {
        handlerStarted = true;
        dispatchHandler(request);
    }

    private void dispatchHandler(Req request) {
        try {
            // On the event loop (a client-streaming call's begin), a task queued behind this one:
            // it runs without a thread hand-off, after the caller has released the call's lock.
            Executor executor = runsOnEventLoop() ? connection.eventLoop() : connection.handlerExecutor();
            executor.execute(() -> invokeHandler(request));
        } catch (RejectedExecutionException e) {
            respondStatus(StatusFrame.of(StatusCode.UNAVAILABLE, Statuses.refusal(e)));
        }
    }

    private void invokeHandler(Req request) {
        if (context.isCancelled()) {
            return; // cancelled while queued (e.g. a reset right after the request): no work for it
        }
        try {
            runHandler(request);
        } catch (Throwable t) {
            handlerFailed(t);
        }
    }

    /** The handler threw, or its stage failed: the call ends with the failure's status. */
    final void handlerFailed(Throwable t) {
        if (context.isCancelled()) {
            LOG.log(Level.DEBUG, () -> "handler of cancelled call " + method.fullName() + " ended with " + t);
        } else {
            respondStatus(Statuses.ofHandlerFailure(method, t, context.trailers()));
        }
    }

    /** Sends one streamed response, waiting for flow-control credit. */
    private void sendResponse(Resp message) {
        ByteBuf frame = Messages.encode(connection, method, method.responseCodec(), message);
        lifecycle.lock();
        try {
            while (!lifecycle.isDone() && !stream.isWritable()) {
                lifecycle.await();
            }
            if (lifecycle.isDone()) {
                frame.release();
                throw cancellationForHandler();
            }
            writeHeadersOnce();
            stream.write(frame);
            lifecycle.progressed();
        } catch (InterruptedException e) {
            frame.release();
            Thread.currentThread().interrupt();
            throw new StatusException(StatusCode.CANCELLED, "interrupted while sending");
        } finally {
            lifecycle.unlock();
        }
    }

    /** What a handler still sending after the call ended is told. */
    final StatusException cancellationForHandler() {
        StatusException cancellation = context.cancellation();
        return cancellation != null ? cancellation : new StatusException(StatusCode.CANCELLED, "the call has ended");
    }

    /**
     * Ends a single-response call with its MESSAGE and FIN, without STATUS when there are no
     * trailers (SPEC.md §5 table).
     */
    final void respond(Resp response) {
        ByteBuf frame;
        try {
            frame = Messages.encode(connection, method, method.responseCodec(), response);
        } catch (StatusException e) {
            respondStatus(Statuses.ofHandlerFailure(method, e, context.trailers()));
            return;
        }
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                frame.release();
                return;
            }
            writeHeadersOnce();
            if (context.trailers().isEmpty()) {
                stream.writeAndFinish(frame);
            } else {
                stream.write(frame);
                stream.writeAndFinish(Frames.encode(connection.alloc(), Statuses.ok(context.trailers(), 0)));
            }
            responseComplete();
        } finally {
            lifecycle.unlock();
        }
    }

    /** Ends the call with STATUS and FIN. */
    final void respondStatus(StatusFrame status) {
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            writeHeadersOnce();
            stream.writeAndFinish(Frames.encode(connection.alloc(), status));
            responseComplete();
        } finally {
            lifecycle.unlock();
        }
    }

    private void writeHeadersOnce() {
        if (!headersSent) {
            headersSent = true;
            if (!context.responseHeaders().isEmpty()) {
                stream.write(Frames.encode(connection.alloc(), new HeadersFrame(context.responseHeaders())));
            }
        }
    }

    /** SPEC.md §5.1: with the response complete, a request half still open is stopped with NO_ERROR. */
    private void responseComplete() {
        finish(null, Abort.stopOnly(ErrorCode.NO_ERROR));
    }

    /**
     * SPEC.md §5.8: a broken or oversized request. STATUS and FIN while the response half can
     * still be written, then stop the request half; otherwise reset and stop.
     */
    private void requestFailed(StatusCode status, String what, ErrorCode code) {
        StatusException failure = new StatusException(status, what);
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            if (stream.sendOpen()) {
                writeHeadersOnce();
                stream.writeAndFinish(Frames.encode(connection.alloc(), StatusFrame.of(status, what)));
                finish(failure, Abort.stopOnly(code));
            } else {
                finish(failure, Abort.both(code));
            }
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public final void onFrame(Frame frame) {
        requests.frameArrived();
        lifecycle.progressed();
        try {
            lifecycle.lock();
            try {
                if (lifecycle.isDone()) {
                    return;
                }
                requestGrammar.accept(frame.type());
                int size = frame.content().readableBytes();
                if (Messages.overMethodLimit(method, size)) {
                    requestFailed(
                            StatusCode.RESOURCE_EXHAUSTED,
                            "request of " + size + " bytes exceeds the method's limit of " + method.maxMessageBytes(),
                            ErrorCode.RESOURCE_EXHAUSTED);
                    return;
                }
                requests.add(Messages.decode(method.requestCodec(), frame.content()), size);
            } finally {
                lifecycle.unlock();
            }
        } catch (FrameException e) {
            requestFailed(StatusCode.INTERNAL, e.getMessage(), ErrorCode.PROTOCOL_ERROR);
        } catch (Messages.DecodeFailure e) {
            requestFailed(StatusCode.INVALID_ARGUMENT, e.getMessage(), ErrorCode.PROTOCOL_ERROR);
        } finally {
            frame.release();
        }
        requests.demand();
    }

    @Override
    public final void onFin() {
        boolean start = false;
        Req request = null;
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            try {
                requestGrammar.end();
            } catch (FrameException e) {
                requestFailed(StatusCode.INTERNAL, e.getMessage(), ErrorCode.PROTOCOL_ERROR);
                return;
            }
            stream.receiveEnded();
            requests.end(null, false);
            if (!handlerStarted) {
                handlerStarted = true;
                start = true;
                request = requests.poll();
            }
        } finally {
            lifecycle.unlock();
        }
        if (!start) {
            return;
        }
        if (runsOnEventLoop()) {
            // A non-blocking handler runs right here, outside the lock, while the connection is
            // still processing what it read: its response leaves in the same packets as the
            // other calls answered in this read.
            invokeHandler(request);
        } else {
            // Handed over after the lock is released: a handler thread that starts at once
            // must not find the call still locked and park again.
            dispatchHandler(request);
        }
    }

    @Override
    public final void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
        if (!peerReset) {
            StatusCode status =
                    code == ErrorCode.RESOURCE_EXHAUSTED ? StatusCode.RESOURCE_EXHAUSTED : StatusCode.INTERNAL;
            requestFailed(status, detail, code);
            return;
        }
        // SPEC.md §5.2, §5.4: the client cancelled; abandon the handler, reset the response half.
        StatusException cancellation = Codes.peerAborted(code, "reset");
        Abort abort = Abort.resetOnly(code);
        if (lifecycle.finishReceiveEnded(cancellation, abort)) {
            ended(cancellation, abort);
        }
    }

    @Override
    public final void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
        // SPEC.md §5.3: the client stopped the response half; end the handler, reset with the same code.
        finish(Codes.peerAborted(code, "stopped"), Abort.both(code));
    }

    @Override
    public final void onWritable() {
        lifecycle.wakeWaiters();
    }

    @Override
    public final void onConnectionLost(StatusCode code, String description) {
        StatusException cancellation = new StatusException(code, description);
        if (lifecycle.connectionLost(cancellation)) {
            ended(cancellation, Abort.none());
        }
    }

    /**
     * Ends the call once. {@code cancellation} is {@code null} when the response was written in
     * full; otherwise the handler is abandoned and sees it through its context. The halves still
     * open are aborted as {@code abort} says.
     */
    private void finish(StatusException cancellation, Abort abort) {
        if (lifecycle.finish(cancellation, abort)) {
            ended(cancellation, abort);
        }
    }

    /** After the one finish, outside the lock: the request reader and the pattern let go. */
    private void ended(StatusException cancellation, Abort abort) {
        if (cancellation != null) {
            requests.end(cancellation, true);
            abandoned(abort.resetCodeOr(ErrorCode.CANCELLED));
        } else if (method.pattern().clientStreaming()) {
            // A handler may still read after its response went out. The other patterns' handlers
            // got their one request before they started: nothing reads on, no exception to make.
            requests.end(new StatusException(StatusCode.CANCELLED, "the call has ended"), true);
        }
    }
}
