package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ResponseMetadata;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameException;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.HalfGrammar;
import io.quicidl.runtime.wire.HeadersFrame;
import io.quicidl.runtime.wire.StatusFrame;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client side of a call on one client-opened bidi stream: request half out, response half
 * in (SPEC.md §5.2–5.4). The subclass of each pattern adds its user-facing handle and its rules
 * for the outcome; this class owns the stream, the frame order of the response half
 * ({@link HalfGrammar}), flow control of the request half, the deadline, cancellation and the
 * reactions to FIN, reset, stop and connection loss.
 *
 * <p>Threads: {@link StreamListener} methods and the deadline run on the event loop and never
 * block; {@link #sendMessage}, {@link #finishRequest} and reading {@link #responses} run on user
 * threads and may block. One lock guards the state; port calls under it never block.
 */
abstract class BidiClientCall<Req, Resp> implements StreamListener {
    private static final int RESPONSE_BUFFER = 4;

    final CallConnection connection;
    final MethodDescriptor<Req, Resp> method;
    /** Decoded responses for the reader; ends with the call's outcome. */
    final InboundBuffer<Resp> responses = new InboundBuffer<>(RESPONSE_BUFFER);

    /** The call's deadline, {@code null} for none. */
    final Deadline deadline;
    private final Metadata metadata;
    private final Optional<ResponseMetadata> responseMetadata;
    private final HalfGrammar responseGrammar;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private CallStream stream;
    private Req pendingRequest;
    private boolean requestComplete;
    private boolean requestsUnwanted;
    private StatusFrame status;
    private ScheduledFuture<?> deadlineTimer;
    private boolean done;
    private RuntimeException failure;
    private ErrorCode abortCodeBeforeOpen;

    BidiClientCall(CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options) {
        this.connection = connection;
        this.method = method;
        this.metadata = options.metadata();
        this.responseMetadata = options.responseMetadata();
        this.deadline = Deadline.forClient(method, options);
        this.responseGrammar = HalfGrammar.responseHalf(method.pattern());
    }

    /**
     * Opens the stream and writes CALL. With a {@code request} (single-request patterns) the
     * request MESSAGE and FIN follow at once. Never blocks.
     */
    final void start(Req request) {
        if (request != null) {
            try {
                Messages.checkSize(connection, method, method.requestCodec().encodedSize(request));
            } catch (StatusException e) {
                finish(e, null, null);
                return;
            }
            pendingRequest = request;
            requestComplete = true;
        }
        if (deadline != null) {
            deadlineTimer = deadline.schedule(connection.eventLoop(),
                    () -> finish(deadline.exceeded(), ErrorCode.DEADLINE_EXCEEDED, ErrorCode.DEADLINE_EXCEEDED));
        }
        // A single-request call of an @idempotent method may go out as 0-RTT early data (SPEC.md §9).
        connection.openStream(true, this, method.idempotent() && request != null).whenComplete(this::opened);
    }

    private void opened(StreamPort port, Throwable error) {
        lock.lock();
        try {
            if (error != null) {
                finish(openFailure(error), null, null);
                return;
            }
            stream = new CallStream(port, true, true);
            if (method.maxMessageBytes() > 0) {
                port.setMaxMessageBytes(method.maxMessageBytes());
            }
            if (done) {
                // Cancelled or expired while waiting for stream credit: nothing was written yet.
                if (abortCodeBeforeOpen != null) {
                    stream.abort(abortCodeBeforeOpen);
                }
                stream.release();
                return;
            }
            beforeCall(port);
            long timeoutMicros = deadline == null ? 0 : deadline.timeoutMicros();
            stream.write(Frames.encode(connection.alloc(), CallFrame.of(method.fullName(), timeoutMicros, metadata)));
            if (pendingRequest != null) {
                stream.writeAndFinish(Frames.message(connection.alloc(), method.requestCodec(), pendingRequest));
                pendingRequest = null;
            } else if (requestComplete) {
                stream.finish();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        responses.attach(port);
    }

    private static StatusException openFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StatusException e) {
            return e;
        }
        return new StatusException(StatusCode.UNAVAILABLE, "cannot open a stream: " + cause, Metadata.empty(), null, cause);
    }

    /**
     * Sends one request message, waiting for the stream and for flow-control credit. Dropped
     * when the server said it needs no more requests.
     */
    final void sendMessage(Req message) {
        ByteBuf frame;
        try {
            frame = Messages.encode(connection, method, method.requestCodec(), message);
        } catch (StatusException e) {
            finish(e, ErrorCode.RESOURCE_EXHAUSTED, ErrorCode.RESOURCE_EXHAUSTED);
            throw e;
        }
        lock.lock();
        try {
            while (true) {
                if (requestsUnwanted || (done && failure == null)) {
                    frame.release();
                    return;
                }
                if (done) {
                    frame.release();
                    throw failure;
                }
                if (requestComplete) {
                    frame.release();
                    throw new IllegalStateException("send after complete()");
                }
                if (stream != null && stream.isWritable()) {
                    break;
                }
                changed.await();
            }
            stream.write(frame);
        } catch (InterruptedException e) {
            frame.release();
            Thread.currentThread().interrupt();
            cancel("interrupted while sending");
            throw new StatusException(StatusCode.CANCELLED, "interrupted while sending");
        } finally {
            lock.unlock();
        }
    }

    /** Finishes the request half (FIN); deferred until the stream is open. Idempotent. */
    final void finishRequest() {
        lock.lock();
        try {
            requestComplete = true;
            if (stream != null && !done) {
                stream.finish();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Cancels the call (SPEC.md §5.2–5.4): reset the request half and stop the response half. */
    final void cancel(String why) {
        finish(new StatusException(StatusCode.CANCELLED, why), ErrorCode.CANCELLED, ErrorCode.CANCELLED);
    }

    /**
     * The outcome once the response half ended with FIN: {@code null} for OK, else the failure.
     * Patterns with a single response add their rules on top, throwing {@link FrameException}
     * for a response half that breaks them.
     */
    RuntimeException outcomeAtFin(StatusFrame status, int messages) {
        if (status == null || status.code() == StatusCode.OK) {
            return null;
        }
        return Statuses.toException(method, status);
    }

    /**
     * The outcome rules of the single-response patterns (SPEC.md §5 table, §5.8): OK needs
     * exactly one MESSAGE, and a failing STATUS must not follow a MESSAGE.
     *
     * @throws FrameException PROTOCOL_ERROR when the response half breaks them
     */
    final RuntimeException singleResponseOutcome(StatusFrame status, int messages) {
        if (status != null && status.code() != StatusCode.OK) {
            if (messages > 0) {
                throw new FrameException(ErrorCode.PROTOCOL_ERROR, "STATUS " + status.code() + " after the response MESSAGE");
            }
            return Statuses.toException(method, status);
        }
        if (messages != 1) {
            throw new FrameException(ErrorCode.PROTOCOL_ERROR, "status OK without a response MESSAGE");
        }
        return null;
    }

    /** Called with the open stream right before CALL is written, under the lock. */
    void beforeCall(StreamPort port) {}

    /** Called once, outside the lock, when the call has its outcome ({@code null} for OK). */
    void terminated(RuntimeException failure) {}

    @Override
    public final void onFrame(Frame frame) {
        responses.frameArrived();
        try {
            lock.lock();
            try {
                if (done) {
                    return;
                }
                responseGrammar.accept(frame.type());
                switch (frame.type()) {
                    case MESSAGE -> {
                        int size = frame.content().readableBytes();
                        if (Messages.overMethodLimit(method, size)) {
                            finish(Codes.receiveFailure(ErrorCode.RESOURCE_EXHAUSTED,
                                    "response of " + size + " bytes exceeds the method's limit"),
                                    ErrorCode.RESOURCE_EXHAUSTED, ErrorCode.RESOURCE_EXHAUSTED);
                            return;
                        }
                        responses.add(Messages.decode(method.responseCodec(), frame.content()), size);
                    }
                    case STATUS -> {
                        status = StatusFrame.decode(frame.content());
                        if (overMetadataLimit(status.trailers())) {
                            return;
                        }
                        responseMetadata.ifPresent(capture -> capture.trailersReceived(status.trailers()));
                    }
                    default -> {
                        Metadata headers = HeadersFrame.decode(frame.content()).metadata();
                        if (!overMetadataLimit(headers)) {
                            responseMetadata.ifPresent(capture -> capture.headersReceived(headers));
                        }
                    }
                }
            } finally {
                lock.unlock();
            }
        } catch (FrameException e) {
            protocolError(e.getMessage());
        } catch (Messages.DecodeFailure e) {
            protocolError(e.getMessage());
        } finally {
            frame.release();
        }
        responses.demand();
    }

    /** SPEC.md §7.1: response metadata over this side's limit fails the call. */
    private boolean overMetadataLimit(Metadata metadata) {
        int size = metadata.sizeInBytes();
        if (size <= connection.maxMetadataBytes()) {
            return false;
        }
        finish(new StatusException(StatusCode.RESOURCE_EXHAUSTED, "response metadata of " + size
                + " bytes exceeds the limit of " + connection.maxMetadataBytes()),
                ErrorCode.RESOURCE_EXHAUSTED, ErrorCode.RESOURCE_EXHAUSTED);
        return true;
    }

    /** SPEC.md §5.8: a client fails the call with INTERNAL and resets and stops with PROTOCOL_ERROR. */
    private void protocolError(String what) {
        finish(new StatusException(StatusCode.INTERNAL, what), ErrorCode.PROTOCOL_ERROR, ErrorCode.PROTOCOL_ERROR);
    }

    @Override
    public final void onFin() {
        RuntimeException outcome;
        lock.lock();
        try {
            if (done) {
                return;
            }
            try {
                responseGrammar.end();
                outcome = outcomeAtFin(status, responseGrammar.messages());
            } catch (FrameException e) {
                protocolError(e.getMessage());
                return;
            }
            stream.receiveEnded();
        } finally {
            lock.unlock();
        }
        finish(outcome, null, null);
    }

    @Override
    public final void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
        if (peerReset) {
            lock.lock();
            try {
                if (stream != null) {
                    stream.receiveEnded();
                }
            } finally {
                lock.unlock();
            }
            finish(Codes.peerAborted(code, "reset"), code, null);
        } else {
            finish(Codes.receiveFailure(code, detail), code, code);
        }
    }

    @Override
    public final void onStopped(ErrorCode code, StatusCode stoppedStatus, String statusMessage) {
        lock.lock();
        try {
            if (stream != null) {
                stream.answerStop(code);
            }
            if (code == ErrorCode.NO_ERROR) {
                // SPEC.md §5.1: the server has its response and needs no more requests.
                requestsUnwanted = true;
                changed.signalAll();
                return;
            }
        } finally {
            lock.unlock();
        }
        finish(Codes.peerAborted(code, "stopped"), null, null);
    }

    @Override
    public final void onWritable() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void onConnectionLost(StatusCode code, String description) {
        lock.lock();
        try {
            if (stream != null) {
                stream.connectionLost();
            }
        } finally {
            lock.unlock();
        }
        finish(new StatusException(code, description), null, null);
    }

    /**
     * Ends the call once with {@code outcome} ({@code null} for OK): resets the request half with
     * {@code resetCode} and stops the response half with {@code stopCode} if still open, frees the
     * stream and wakes every waiter. Without a {@code resetCode}, a request half still open is
     * reset with NO_ERROR: the outcome is known, so nothing more is needed (SPEC.md §4.1).
     */
    final void finish(RuntimeException outcome, ErrorCode resetCode, ErrorCode stopCode) {
        lock.lock();
        try {
            if (done) {
                return;
            }
            done = true;
            failure = outcome;
            if (deadlineTimer != null) {
                deadlineTimer.cancel(false);
            }
            if (stream == null) {
                abortCodeBeforeOpen = resetCode;
            } else {
                stream.reset(resetCode != null ? resetCode : ErrorCode.NO_ERROR);
                if (stopCode != null) {
                    stream.stop(stopCode);
                }
                stream.release();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        boolean localCancel = outcome instanceof StatusException e && e.code() == StatusCode.CANCELLED && resetCode != null;
        responses.end(outcome, localCancel);
        terminated(outcome);
    }

    /** Blocks until the call has its outcome; returns {@code null} for OK, else the failure. */
    final RuntimeException awaitOutcome() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (!done && !interrupted) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            cancel("interrupted while waiting for the response");
        }
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }
}
