package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;

/**
 * Client side of {@code @realtime} (SPEC.md §5.7): one uni stream per message, CALL (with
 * {@code realtime_call_id} and {@code realtime_sequence}), MESSAGE, FIN, at urgency 0. A new
 * message resets the older streams that may still be sending with STALE; the call ends with a
 * {@code realtime_end} stream. The server reports failures by stopping a stream with a status
 * (SPEC.md §5.5), which the next {@link #send} throws.
 */
public final class RealtimeClientCall<Req> implements RealtimeSink<Req> {
    private final CallConnection connection;
    private final MethodDescriptor<Req, ?> method;
    private final Metadata metadata;
    private final Deadline deadline;
    /** Superseded streams kept to hear a failure the server reports on them. */
    private static final int RECENT_KEPT = 8;

    private final List<MessageStream> sending = new ArrayList<>();
    private final ArrayDeque<MessageStream> recent = new ArrayDeque<>();
    private ScheduledFuture<?> deadlineTimer;
    private long callId = -1;
    private long nextSequence;
    private boolean ended;
    private StatusException failure;

    private RealtimeClientCall(CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options) {
        this.connection = connection;
        this.method = method;
        this.metadata = options.metadata();
        this.deadline = Deadline.forClient(method, options);
    }

    /** Starts the call; the first stream opens with the first message. */
    public static <Req> RealtimeSink<Req> start(CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options) {
        RealtimeClientCall<Req> call = new RealtimeClientCall<>(connection, method, options);
        if (call.deadline != null) {
            call.deadlineTimer = call.deadline.schedule(connection.eventLoop(),
                    () -> call.fail(call.deadline.exceeded(), ErrorCode.DEADLINE_EXCEEDED));
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
        synchronized (this) {
            if (ended) {
                frame.release();
                stream.stream.reset(ErrorCode.CANCELLED);
                stream.stream.release();
                checkRunning();
                return;
            }
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
        }
    }

    @Override
    public void complete() {
        checkRunning();
        MessageStream end = open();
        synchronized (this) {
            if (ended) {
                end.stream.reset(ErrorCode.CANCELLED);
                end.stream.release();
                checkRunning();
                return;
            }
            endCall(end);
        }
    }

    @Override
    public void cancel() {
        MessageStream end = null;
        synchronized (this) {
            if (ended) {
                return;
            }
            for (MessageStream older : sending) {
                older.stream.resetUnsent(ErrorCode.CANCELLED);
            }
            if (callId < 0) {
                endCall(null);
                return;
            }
        }
        // SPEC.md §5.7 step 5: end the call properly if a stream can still be opened.
        try {
            end = open();
        } catch (StatusException e) {
            synchronized (this) {
                endCall(null);
            }
            return;
        }
        synchronized (this) {
            endCall(ended ? null : end);
            if (end.stream.sendOpen()) {
                end.stream.reset(ErrorCode.CANCELLED);
                end.stream.release();
            }
        }
    }

    private synchronized void checkRunning() {
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            throw new IllegalStateException("the call has ended");
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

    /** Writes the {@code realtime_end} stream (when given) and frees every stream. Caller holds the monitor. */
    private void endCall(MessageStream end) {
        if (end != null) {
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
        ended = true;
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
    }

    private ByteBuf callFrame(long sequence, boolean end) {
        long timeoutMicros = deadline == null ? 0 : deadline.timeoutMicros();
        return Frames.encode(connection.alloc(),
                new CallFrame(method.fullName(), timeoutMicros, metadata, callId, sequence, end));
    }

    /** Opens the next stream, waiting for stream credit only; the first one names the call. */
    private MessageStream open() {
        MessageStream stream = new MessageStream();
        StreamPort port;
        try {
            port = connection.openStream(false, stream).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusException s ? s
                    : new StatusException(StatusCode.UNAVAILABLE, "cannot open a stream: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException(StatusCode.CANCELLED, "interrupted while opening a stream");
        }
        synchronized (this) {
            stream.attach(port, nextSequence++);
            if (callId < 0) {
                callId = port.streamId();
            }
        }
        return stream;
    }

    /** Fails the call: streams still sending are reset with {@code code}; the next send throws. */
    private synchronized void fail(StatusException status, ErrorCode code) {
        if (failure != null || ended) {
            return;
        }
        failure = status;
        for (MessageStream stream : sending) {
            if (code != null) {
                stream.stream.resetUnsent(code);
            }
        }
        endCall(null);
    }

    /** One message stream; the server only ever stops it. */
    private final class MessageStream implements SendOnlyListener {
        CallStream stream;
        long sequence;

        void attach(StreamPort port, long sequence) {
            this.stream = new CallStream(port, true, false);
            this.sequence = sequence;
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
            // STALE and NO_ERROR are the receiver's normal business; anything else fails the call.
            if (code == ErrorCode.STALE || code == ErrorCode.NO_ERROR || code == ErrorCode.CANCELLED) {
                return;
            }
            StatusCode reported = status != null ? status : Codes.statusOf(code);
            fail(new StatusException(reported, statusMessage.isEmpty() ? "server stopped a stream with " + code : statusMessage), null);
        }

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            fail(new StatusException(code, description), null);
        }
    }
}
