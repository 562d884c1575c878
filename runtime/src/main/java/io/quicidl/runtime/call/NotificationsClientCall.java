package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frames;

/**
 * Client side of {@code @notifications} (SPEC.md §5.5): one uni stream, CALL, MESSAGE*, FIN.
 * The server answers only by stopping the stream; its STREAM_STOPPED status becomes the
 * failure {@link #send} throws. The call is complete on this side once FIN is queued.
 * Threads: listener methods on the event loop; {@link #send} and {@link #complete} on one user
 * thread.
 */
public final class NotificationsClientCall<Req> implements NotificationSink<Req>, SendOnlyListener {
    private final CallConnection connection;
    private final MethodDescriptor<Req, ?> method;
    private final Metadata metadata;
    private final Deadline deadline;
    /** Finish once, the deadline timer, the stream, the lock and its waiters. */
    private final CallLifecycle lifecycle;
    /** Told each message sent; {@code null} when no interceptor asks. */
    private final CallObserver messages;

    private boolean completed;
    private boolean unwanted;

    private NotificationsClientCall(
            CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options, CallObserver observer) {
        this.connection = connection;
        this.method = method;
        this.metadata = options.metadata();
        this.deadline = Deadline.forClient(method, options);
        this.lifecycle = new CallLifecycle(observer);
        this.messages = observer != null && observer.observesMessages() ? observer : null;
    }

    /** Opens the stream and writes CALL; never blocks. */
    public static <Req> NotificationSink<Req> start(
            CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options, CallObserver observer) {
        NotificationsClientCall<Req> call = new NotificationsClientCall<>(connection, method, options, observer);
        if (call.deadline != null) {
            call.lifecycle.startDeadline(
                    call.deadline,
                    connection.eventLoop(),
                    () -> call.lifecycle.finish(
                            call.deadline.exceeded(), Abort.resetOnly(ErrorCode.DEADLINE_EXCEEDED)));
        }
        connection.openStream(false, call).whenComplete(call::opened);
        return call;
    }

    private void opened(StreamPort port, Throwable error) {
        if (error != null) {
            lifecycle.finish(Codes.openFailure(error), Abort.none());
            return;
        }
        lifecycle.lock();
        try {
            CallStream stream = new CallStream(port, true, false);
            if (!lifecycle.attach(stream)) {
                return;
            }
            long timeoutMicros = deadline == null ? 0 : deadline.timeoutMicros();
            stream.write(Frames.encode(connection.alloc(), CallFrame.of(method.fullName(), timeoutMicros, metadata)));
            lifecycle.signalAll();
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void send(Req message) {
        ByteBuf frame;
        try {
            frame = Messages.encode(connection, method, method.requestCodec(), message);
        } catch (StatusException e) {
            lifecycle.finish(e, Abort.resetOnly(ErrorCode.RESOURCE_EXHAUSTED));
            throw e;
        }
        lifecycle.lock();
        try {
            try {
                while (!lifecycle.isDone()
                        && !unwanted
                        && !completed
                        && (lifecycle.stream() == null || !lifecycle.stream().isWritable())) {
                    lifecycle.await();
                }
            } catch (InterruptedException e) {
                frame.release();
                Thread.currentThread().interrupt();
                lifecycle.finish(
                        new StatusException(StatusCode.CANCELLED, "interrupted while sending"),
                        Abort.resetOnly(ErrorCode.CANCELLED));
                throw lifecycle.outcome();
            }
            if (lifecycle.isDone() && lifecycle.outcome() != null) {
                frame.release();
                throw lifecycle.outcome();
            }
            if (completed) {
                frame.release();
                throw new IllegalStateException("send after complete()");
            }
            if (unwanted) {
                frame.release();
                return;
            }
            lifecycle.stream().write(frame);
            if (messages != null) {
                messages.request(message, method.requestCodec().encodedSize(message));
            }
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void complete() {
        lifecycle.lock();
        try {
            if (lifecycle.isDone() && lifecycle.outcome() != null) {
                throw lifecycle.outcome();
            }
            completed = true;
            if (lifecycle.stream() == null) {
                // Not open yet: FIN follows the CALL as soon as the stream exists.
                while (lifecycle.stream() == null && !lifecycle.isDone()) {
                    try {
                        lifecycle.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        lifecycle.finish(
                                new StatusException(StatusCode.CANCELLED, "interrupted"),
                                Abort.resetOnly(ErrorCode.CANCELLED));
                        throw lifecycle.outcome();
                    }
                }
                if (lifecycle.outcome() != null) {
                    throw lifecycle.outcome();
                }
            }
            // SPEC.md §5.5: FIN completes the call on this side.
            lifecycle.stream().finish();
            lifecycle.succeed(Abort.none());
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void cancel() {
        lifecycle.finish(
                new StatusException(StatusCode.CANCELLED, "cancelled by the client"),
                Abort.resetOnly(ErrorCode.CANCELLED));
    }

    @Override
    public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
        lifecycle.lock();
        try {
            if (lifecycle.stream() != null) {
                lifecycle.stream().answerStop(code);
            }
            if (code == ErrorCode.NO_ERROR) {
                // The handler returned before the end: later messages are dropped (SPEC.md §5.1).
                unwanted = true;
                lifecycle.signalAll();
                return;
            }
        } finally {
            lifecycle.unlock();
        }
        StatusCode reported = status != null ? status : Codes.statusOf(code);
        lifecycle.finish(
                new StatusException(
                        reported, statusMessage.isEmpty() ? "server stopped the stream with " + code : statusMessage),
                Abort.none());
    }

    @Override
    public void onWritable() {
        lifecycle.wakeWaiters();
    }

    @Override
    public void onConnectionLost(StatusCode code, String description) {
        lifecycle.connectionLost(new StatusException(code, description));
    }
}
