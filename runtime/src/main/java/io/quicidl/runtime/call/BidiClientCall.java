package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.Pattern;
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

/**
 * The client side of a call on one client-opened bidi stream: request half out, response half
 * in (SPEC.md §5.2–5.4). The subclass of each pattern adds its user-facing handle and its rules
 * for the outcome; this class owns the stream, the frame order of the response half
 * ({@link HalfGrammar}), flow control of the request half, the deadline, cancellation and the
 * reactions to FIN, reset, stop and connection loss.
 *
 * <p>Threads: {@link StreamListener} methods and the deadline run on the event loop and never
 * block; {@link #sendMessage}, {@link #finishRequest} and reading {@link #responses} run on user
 * threads and may block. The {@link CallLifecycle}'s lock guards the state; port calls under it
 * never block.
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
    /** Finish once, the deadline timer, the stream, the lock and its waiters. */
    private final CallLifecycle lifecycle;
    /** Told each request sent and response received; {@code null} when no interceptor asks. */
    private final CallObserver messages;

    private Req pendingRequest;
    private boolean requestComplete;
    private boolean requestsUnwanted;
    private StatusFrame status;

    BidiClientCall(
            CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options, CallObserver observer) {
        this.connection = connection;
        this.method = method;
        this.metadata = options.metadata();
        this.responseMetadata = options.responseMetadata();
        this.deadline = Deadline.forClient(method, options);
        this.responseGrammar = HalfGrammar.responseHalf(method.pattern());
        // An @unordered call ends with its response streams, which tell the observer instead.
        this.lifecycle = new CallLifecycle(method.pattern() == Pattern.UNORDERED ? null : observer);
        this.messages = observer != null && observer.observesMessages() ? observer : null;
    }

    /** The observer of the call's messages, {@code null} for none: for the {@code @unordered} responses. */
    final CallObserver messageObserver() {
        return messages;
    }

    /**
     * Opens the stream and writes CALL. With a {@code request} (single-request patterns) the
     * request MESSAGE and FIN follow at once. Never blocks.
     */
    final void start(Req request) {
        if (request != null) {
            int size = method.requestCodec().encodedSize(request);
            try {
                Messages.checkSize(connection, method, size);
            } catch (StatusException e) {
                finish(e, Abort.none());
                return;
            }
            pendingRequest = request;
            requestComplete = true;
            if (messages != null) {
                messages.request(request, size);
            }
        }
        if (deadline != null) {
            lifecycle.startDeadline(
                    deadline,
                    connection.eventLoop(),
                    () -> finish(deadline.exceeded(), Abort.both(ErrorCode.DEADLINE_EXCEEDED)));
        }
        // A single-request call of an @idempotent method may go out as 0-RTT early data (SPEC.md §9).
        connection
                .openStream(true, this, method.idempotent() && request != null)
                .whenComplete(this::opened);
    }

    private void opened(StreamPort port, Throwable error) {
        if (error != null) {
            finish(Codes.openFailure(error), Abort.none());
            return;
        }
        lifecycle.lock();
        try {
            if (method.maxMessageBytes() > 0) {
                port.setMaxMessageBytes(method.maxMessageBytes());
            }
            CallStream stream = new CallStream(port, true, true);
            if (!lifecycle.attach(stream)) {
                // Cancelled or expired while waiting for stream credit: nothing was written yet.
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
            lifecycle.signalAll();
        } finally {
            lifecycle.unlock();
        }
        responses.attach(port);
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
            finish(e, Abort.both(ErrorCode.RESOURCE_EXHAUSTED));
            throw e;
        }
        lifecycle.lock();
        try {
            while (true) {
                if (requestsUnwanted || (lifecycle.isDone() && lifecycle.outcome() == null)) {
                    frame.release();
                    return;
                }
                if (lifecycle.isDone()) {
                    frame.release();
                    throw lifecycle.outcome();
                }
                if (requestComplete) {
                    frame.release();
                    throw new IllegalStateException("send after complete()");
                }
                CallStream stream = lifecycle.stream();
                if (stream != null && stream.isWritable()) {
                    stream.write(frame);
                    if (messages != null) {
                        messages.request(message, method.requestCodec().encodedSize(message));
                    }
                    return;
                }
                lifecycle.await();
            }
        } catch (InterruptedException e) {
            frame.release();
            Thread.currentThread().interrupt();
            cancel("interrupted while sending");
            throw new StatusException(StatusCode.CANCELLED, "interrupted while sending");
        } finally {
            lifecycle.unlock();
        }
    }

    /** Finishes the request half (FIN); deferred until the stream is open. Idempotent. */
    final void finishRequest() {
        lifecycle.lock();
        try {
            requestComplete = true;
            if (lifecycle.stream() != null && !lifecycle.isDone()) {
                lifecycle.stream().finish();
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /** Cancels the call (SPEC.md §5.2–5.4): reset the request half and stop the response half. */
    final void cancel(String why) {
        finish(new StatusException(StatusCode.CANCELLED, why), Abort.both(ErrorCode.CANCELLED));
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
                throw new FrameException(
                        ErrorCode.PROTOCOL_ERROR, "STATUS " + status.code() + " after the response MESSAGE");
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
            lifecycle.lock();
            try {
                if (lifecycle.isDone()) {
                    return;
                }
                responseGrammar.accept(frame.type());
                switch (frame.type()) {
                    case MESSAGE -> {
                        int size = frame.content().readableBytes();
                        if (Messages.overMethodLimit(method, size)) {
                            finish(
                                    Codes.receiveFailure(
                                            ErrorCode.RESOURCE_EXHAUSTED,
                                            "response of " + size + " bytes exceeds the method's limit"),
                                    Abort.both(ErrorCode.RESOURCE_EXHAUSTED));
                            return;
                        }
                        Resp response = Messages.decode(method.responseCodec(), frame.content());
                        if (messages != null) {
                            messages.response(response, size);
                        }
                        responses.add(response, size);
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
                lifecycle.unlock();
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
        finish(
                new StatusException(
                        StatusCode.RESOURCE_EXHAUSTED,
                        "response metadata of " + size + " bytes exceeds the limit of "
                                + connection.maxMetadataBytes()),
                Abort.both(ErrorCode.RESOURCE_EXHAUSTED));
        return true;
    }

    /** SPEC.md §5.8: a client fails the call with INTERNAL and resets and stops with PROTOCOL_ERROR. */
    private void protocolError(String what) {
        finish(new StatusException(StatusCode.INTERNAL, what), Abort.both(ErrorCode.PROTOCOL_ERROR));
    }

    @Override
    public final void onFin() {
        RuntimeException outcome;
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            try {
                responseGrammar.end();
                outcome = outcomeAtFin(status, responseGrammar.messages());
            } catch (FrameException e) {
                protocolError(e.getMessage());
                return;
            }
        } finally {
            lifecycle.unlock();
        }
        // SPEC.md §4.1: the outcome is known, so a request half still open is reset with NO_ERROR.
        if (lifecycle.finishReceiveEnded(outcome, Abort.resetOnly(ErrorCode.NO_ERROR))) {
            ended(outcome, false);
        }
    }

    @Override
    public final void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
        if (peerReset) {
            StatusException outcome = Codes.peerAborted(code, "reset");
            Abort abort = Abort.resetOnly(code);
            if (lifecycle.finishReceiveEnded(outcome, abort)) {
                ended(outcome, dropsUnread(outcome, abort));
            }
        } else {
            finish(Codes.receiveFailure(code, detail), Abort.both(code));
        }
    }

    @Override
    public final void onStopped(ErrorCode code, StatusCode stoppedStatus, String statusMessage) {
        lifecycle.lock();
        try {
            if (lifecycle.stream() != null) {
                lifecycle.stream().answerStop(code);
            }
            if (code == ErrorCode.NO_ERROR) {
                // SPEC.md §5.1: the server has its response and needs no more requests.
                requestsUnwanted = true;
                lifecycle.signalAll();
                return;
            }
        } finally {
            lifecycle.unlock();
        }
        finish(Codes.peerAborted(code, "stopped"), Abort.none());
    }

    @Override
    public final void onWritable() {
        lifecycle.wakeWaiters();
    }

    @Override
    public final void onConnectionLost(StatusCode code, String description) {
        StatusException outcome = new StatusException(code, description);
        if (lifecycle.connectionLost(outcome)) {
            ended(outcome, false);
        }
    }

    /**
     * Ends the call once with {@code outcome} ({@code null} for OK), aborting the halves still open
     * as {@code abort} says (see {@link CallLifecycle#finish}), then ends the responses.
     */
    final void finish(RuntimeException outcome, Abort abort) {
        if (lifecycle.finish(outcome, abort)) {
            ended(outcome, dropsUnread(outcome, abort));
        }
    }

    /** A call cancelled with a reset drops the responses its reader has not taken yet. */
    private static boolean dropsUnread(RuntimeException outcome, Abort abort) {
        return outcome instanceof StatusException e && e.code() == StatusCode.CANCELLED && abort.resets();
    }

    /** After the one finish, outside the lock: the reader sees the outcome, then the pattern. */
    private void ended(RuntimeException outcome, boolean dropUnread) {
        responses.end(outcome, dropUnread);
        terminated(outcome);
    }

    /** Blocks until the call has its outcome; returns {@code null} for OK, else the failure. */
    final RuntimeException awaitOutcome() {
        try {
            return lifecycle.awaitOutcome();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel("interrupted while waiting for the response");
            return lifecycle.finishedOutcome();
        }
    }
}
