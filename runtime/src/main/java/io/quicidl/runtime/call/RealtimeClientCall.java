package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Client side of {@code @realtime} (SPEC.md §5.7): one uni stream per message, CALL (with
 * {@code realtime_call_id} and {@code realtime_sequence}), MESSAGE, FIN, at urgency 0. A new
 * message resets the older streams that may still be sending with STALE; the call ends with a
 * {@code realtime_end} stream. The server reports failures by stopping a stream with a status
 * (SPEC.md §5.5), which the next {@link #send} throws.
 */
public final class RealtimeClientCall<Req> implements RealtimeSink<Req> {
    /** Superseded streams kept to hear a failure the server reports on them. */
    private static final int RECENT_KEPT = 8;

    private final CallConnection connection;
    private final MethodDescriptor<Req, ?> method;
    private final Metadata metadata;
    private final Deadline deadline;
    /**
     * Finish once (the call's end stream, a failure or a cancel), the deadline timer and the lock
     * over everything below. Its outcome is the failure the next {@link #send} throws.
     */
    private final CallLifecycle lifecycle;
    /** Told each message sent; {@code null} when no interceptor asks. */
    private final CallObserver messages;

    private final List<MessageStream> sending = new ArrayList<>();
    private final ArrayDeque<MessageStream> recent = new ArrayDeque<>();
    private long callId = -1;
    private long nextSequence;

    private RealtimeClientCall(
            CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options, CallObserver observer) {
        this.connection = connection;
        this.method = method;
        this.metadata = options.metadata();
        this.deadline = Deadline.forClient(method, options);
        this.lifecycle = new CallLifecycle(observer);
        this.messages = observer != null && observer.observesMessages() ? observer : null;
    }

    /** Starts the call; the first stream opens with the first message. */
    public static <Req> RealtimeSink<Req> start(
            CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options, CallObserver observer) {
        RealtimeClientCall<Req> call = new RealtimeClientCall<>(connection, method, options, observer);
        if (call.deadline != null) {
            call.lifecycle.startDeadline(call.deadline, connection.eventLoop(), call::expired);
        }
        return call;
    }

    @Override
    public void send(Req message) {
        ByteBuf frame = Messages.encode(connection, method, method.requestCodec(), message);
        MessageStream stream;
        try {
            checkRunning();
            stream = open();
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                frame.release();
                stream.stream.reset(ErrorCode.CANCELLED);
                stream.stream.release();
                checkRunning();
                return;
            }
            // Numbered here rather than when opened: one critical section per message, not two.
            number(stream);
            // SPEC.md §5.7 step 2: older streams that may still be sending are superseded.
            for (MessageStream older : sending) {
                older.stream.resetUnsent(ErrorCode.STALE);
                keepRecent(older);
            }
            sending.clear();
            stream.stream.port().setUrgency(0, false);
            stream.stream.write(callFrame(stream.sequence, false));
            stream.stream.writeAndFinish(frame);
            sending.add(stream);
            if (messages != null) {
                messages.request(message, method.requestCodec().encodedSize(message));
            }
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void complete() {
        checkRunning();
        MessageStream end = open();
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                end.stream.reset(ErrorCode.CANCELLED);
                end.stream.release();
                checkRunning();
                return;
            }
            endCall(end, null);
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void cancel() {
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            for (MessageStream older : sending) {
                older.stream.resetUnsent(ErrorCode.CANCELLED);
            }
            if (callId < 0) {
                endCall(null, null);
                return;
            }
        } finally {
            lifecycle.unlock();
        }
        // SPEC.md §5.7 step 5: end the call properly if a stream can still be opened.
        MessageStream end;
        try {
            end = open();
        } catch (StatusException e) {
            lifecycle.lock();
            try {
                endCall(null, null);
            } finally {
                lifecycle.unlock();
            }
            return;
        }
        lifecycle.lock();
        try {
            endCall(lifecycle.isDone() ? null : end, null);
            if (end.stream.sendOpen()) {
                end.stream.reset(ErrorCode.CANCELLED);
                end.stream.release();
            }
        } finally {
            lifecycle.unlock();
        }
    }

    private void checkRunning() {
        lifecycle.lock();
        try {
            if (lifecycle.outcome() != null) {
                throw lifecycle.outcome();
            }
            if (lifecycle.isDone()) {
                throw new IllegalStateException("the call has ended");
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Keeps a superseded stream a little longer: the server's STREAM_STOPPED with a failure
     * (SPEC.md §5.7 step 6) may name it, and a released stream hears nothing more.
     */
    private void keepRecent(MessageStream superseded) {
        recent.add(superseded);
        if (recent.size() > RECENT_KEPT) {
            recent.poll().stream.release();
        }
    }

    /** Gives a stream about to be written its sequence; the first one names the call. Caller holds the lock. */
    private void number(MessageStream stream) {
        stream.sequence = nextSequence++;
        if (callId < 0) {
            callId = stream.stream.port().streamId();
        }
    }

    /**
     * Writes the {@code realtime_end} stream (when given), frees every stream and finishes the
     * call with {@code outcome}. Caller holds the lock.
     */
    private void endCall(MessageStream end, StatusException outcome) {
        if (end != null) {
            number(end);
            end.stream.writeAndFinish(callFrame(end.sequence, true));
            end.stream.release();
        }
        for (MessageStream stream : sending) {
            stream.stream.release();
        }
        sending.clear();
        for (MessageStream stream : recent) {
            stream.stream.release();
        }
        recent.clear();
        lifecycle.finish(outcome, Abort.none());
    }

    private ByteBuf callFrame(long sequence, boolean end) {
        long timeoutMicros = deadline == null ? 0 : deadline.timeoutMicros();
        return Frames.encode(
                connection.alloc(), new CallFrame(method.fullName(), timeoutMicros, metadata, callId, sequence, end));
    }

    /** Opens the next stream, waiting for stream credit only. */
    private MessageStream open() {
        MessageStream stream = new MessageStream();
        try {
            stream.stream = new CallStream(connection.openStream(false, stream).get(), true, false);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusException s
                    ? s
                    : new StatusException(StatusCode.UNAVAILABLE, "cannot open a stream: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException(StatusCode.CANCELLED, "interrupted while opening a stream");
        }
        return stream;
    }

    /** The deadline passed: streams still sending are reset with DEADLINE_EXCEEDED; the next send throws. */
    private void expired() {
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            for (MessageStream stream : sending) {
                stream.stream.resetUnsent(ErrorCode.DEADLINE_EXCEEDED);
            }
            endCall(null, deadline.exceeded());
        } finally {
            lifecycle.unlock();
        }
    }

    /** Fails the call with what the server or the connection reported; the next send throws. */
    private void fail(StatusException status) {
        lifecycle.lock();
        try {
            if (!lifecycle.isDone()) {
                endCall(null, status);
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /** One message stream; the server only ever stops it. */
    private final class MessageStream implements SendOnlyListener {
        /** Set by the opening thread before the stream is shared; read under the call's lock. */
        CallStream stream;

        long sequence;

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
            // STALE and NO_ERROR are the receiver's normal business; anything else fails the call.
            if (code == ErrorCode.STALE || code == ErrorCode.NO_ERROR || code == ErrorCode.CANCELLED) {
                return;
            }
            StatusCode reported = status != null ? status : Codes.statusOf(code);
            fail(new StatusException(
                    reported, statusMessage.isEmpty() ? "server stopped a stream with " + code : statusMessage));
        }

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            fail(new StatusException(code, description));
        }
    }
}
