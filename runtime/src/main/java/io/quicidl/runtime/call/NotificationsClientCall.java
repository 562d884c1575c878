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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
    /** A lock rather than a monitor: a virtual thread waiting in send must not pin its carrier. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private CallStream stream;
    private ScheduledFuture<?> deadlineTimer;
    private boolean completed;
    private boolean unwanted;
    private boolean done;
    private StatusException failure;
    private ErrorCode abortCodeBeforeOpen;

    private NotificationsClientCall(CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options) {
        this.connection = connection;
        this.method = method;
        this.metadata = options.metadata();
        this.deadline = Deadline.forClient(method, options);
    }

    /** Opens the stream and writes CALL; never blocks. */
    public static <Req> NotificationSink<Req> start(
            CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options) {
        NotificationsClientCall<Req> call = new NotificationsClientCall<>(connection, method, options);
        if (call.deadline != null) {
            call.deadlineTimer = call.deadline.schedule(connection.eventLoop(),
                    () -> call.finish(call.deadline.exceeded(), ErrorCode.DEADLINE_EXCEEDED));
        }
        connection.openStream(false, call).whenComplete(call::opened);
        return call;
    }

    private void opened(StreamPort port, Throwable error) {
        lock.lock();
        try {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                finish(cause instanceof StatusException e ? e
                        : new StatusException(StatusCode.UNAVAILABLE, "cannot open a stream: " + cause), null);
                return;
            }
            stream = new CallStream(port, true, false);
            if (done) {
                if (abortCodeBeforeOpen != null) {
                    stream.reset(abortCodeBeforeOpen);
                }
                stream.release();
                return;
            }
            long timeoutMicros = deadline == null ? 0 : deadline.timeoutMicros();
            stream.write(Frames.encode(connection.alloc(), CallFrame.of(method.fullName(), timeoutMicros, metadata)));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void send(Req message) {
        ByteBuf frame;
        try {
            frame = Messages.encode(connection, method, method.requestCodec(), message);
        } catch (StatusException e) {
            finish(e, ErrorCode.RESOURCE_EXHAUSTED);
            throw e;
        }
        lock.lock();
        try {
            try {
                while (!done && !unwanted && !completed && (stream == null || !stream.isWritable())) {
                    changed.await();
                }
            } catch (InterruptedException e) {
                frame.release();
                Thread.currentThread().interrupt();
                finish(new StatusException(StatusCode.CANCELLED, "interrupted while sending"), ErrorCode.CANCELLED);
                throw failure;
            }
            if (done && failure != null) {
                frame.release();
                throw failure;
            }
            if (completed) {
                frame.release();
                throw new IllegalStateException("send after complete()");
            }
            if (unwanted) {
                frame.release();
                return;
            }
            stream.write(frame);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void complete() {
        lock.lock();
        try {
            if (done && failure != null) {
                throw failure;
            }
            completed = true;
            if (stream == null) {
                // Not open yet: FIN follows the CALL as soon as the stream exists.
                while (stream == null && !done) {
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        finish(new StatusException(StatusCode.CANCELLED, "interrupted"), ErrorCode.CANCELLED);
                        throw failure;
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            }
            stream.finish();
            finish(null, null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel() {
        finish(new StatusException(StatusCode.CANCELLED, "cancelled by the client"), ErrorCode.CANCELLED);
    }

    @Override
    public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
        lock.lock();
        try {
            if (stream != null) {
                stream.answerStop(code);
            }
            if (code == ErrorCode.NO_ERROR) {
                // The handler returned before the end: later messages are dropped (SPEC.md §5.1).
                unwanted = true;
                changed.signalAll();
                return;
            }
        } finally {
            lock.unlock();
        }
        StatusCode reported = status != null ? status : Codes.statusOf(code);
        finish(new StatusException(reported, statusMessage.isEmpty() ? "server stopped the stream with " + code : statusMessage), null);
    }

    @Override
    public void onWritable() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onConnectionLost(StatusCode code, String description) {
        lock.lock();
        try {
            if (stream != null) {
                stream.connectionLost();
            }
        } finally {
            lock.unlock();
        }
        finish(new StatusException(code, description), null);
    }

    /** Ends the call once: resets the stream with {@code resetCode} if it is still open, frees it. */
    private void finish(StatusException outcome, ErrorCode resetCode) {
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
                if (resetCode != null) {
                    stream.reset(resetCode);
                }
                stream.release();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
