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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Server side of one {@code @realtime} call (SPEC.md §5.7): many client uni streams, one message
 * each. Messages reach the handler in increasing sequence only; a completed message makes every
 * incomplete older stream stale (stopped with STALE), as does a stream older than
 * {@code max_age_ms}. The input ends with the {@code realtime_end} stream, once the streams
 * before it have completed or gone stale.
 *
 * <p>Deviation from SPEC.md §5.7 step 4: the end stream does not itself stop older incomplete
 * streams, because the sender never supersedes its last message with the end stream; they are
 * stopped by the two staleness rules instead, so the newest message is not lost to a race.
 */
final class RealtimeServerCall<Req> {
    private static final System.Logger LOG = System.getLogger(RealtimeServerCall.class.getName());
    private static final int MESSAGE_BUFFER = 4;

    private final CallConnection connection;
    private final MethodDescriptor<Req, ?> method;
    private final RequestsHandler<Req> handler;
    private final Consumer<StatusCode> onEnded;
    private final Deadline deadline;
    private final ServerContext context;
    /**
     * Finish once (input complete, handler returned, failure or connection loss), the deadline
     * timer and the lock over everything below; cancels {@link #context}. No single stream: the
     * message streams are this class's to stop.
     */
    private final CallLifecycle lifecycle;

    private final Duration maxAge;
    private final InboundBuffer<Req> messages = new InboundBuffer<>(MESSAGE_BUFFER);
    private final AtomicBoolean iterated = new AtomicBoolean();
    private final TreeMap<Long, MessageStream> incomplete = new TreeMap<>();
    private long newestDelivered = -1;
    private long endSequence = -1;
    private StatusCode report;

    RealtimeServerCall(
            CallConnection connection,
            CallFrame first,
            MethodDescriptor<Req, ?> method,
            RequestsHandler<Req> handler,
            Consumer<StatusCode> onEnded) {
        this.connection = connection;
        this.method = method;
        this.handler = handler;
        this.onEnded = onEnded;
        this.deadline = Deadline.forServer(first.timeoutMicros());
        this.context = new ServerContext(method, first.metadata(), deadline, connection);
        this.lifecycle = new CallLifecycle(null, context);
        this.maxAge = method.realtimeMaxAge().orElse(null);
    }

    MethodDescriptor<Req, ?> method() {
        return method;
    }

    /** Starts the handler; event loop, on the call's first stream. */
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
        try {
            connection.handlerExecutor().execute(this::invokeHandler);
        } catch (RejectedExecutionException e) {
            fail(new StatusException(StatusCode.UNAVAILABLE, Statuses.refusal(e)), ErrorCode.REFUSED);
        }
    }

    private void invokeHandler() {
        RequestStream<Req> requests = () -> BlockingIterator.once(iterated, messages, () -> {});
        try {
            handler.handle(requests, context);
        } catch (Throwable t) {
            if (context.isCancelled()) {
                LOG.log(Level.DEBUG, () -> "handler of cancelled call " + method.fullName() + " ended with " + t);
                return;
            }
            StatusFrame status = Statuses.ofHandlerFailure(method, t, context.trailers());
            fail(new StatusException(status.code(), status.message()), ErrorCode.FAILED);
            return;
        }
        StatusCode ended;
        lifecycle.lock();
        try {
            // The handler wants no more: streams still arriving are not needed (SPEC.md §4.1 NO_ERROR).
            end(ErrorCode.NO_ERROR, null, "", null);
            ended = takeReport();
        } finally {
            lifecycle.unlock();
        }
        reportEnded(ended);
    }

    /** Takes one more message stream of this call. Event loop. */
    StreamListener addStream(StreamPort port, CallFrame call) {
        lifecycle.lock();
        try {
            long sequence = call.realtimeSequence();
            if (incomplete.containsKey(sequence)) {
                // SPEC.md §5.7 step 3: a repeated sequence is a protocol error on that stream only.
                return CallStream.refuse(
                        port,
                        ErrorCode.PROTOCOL_ERROR,
                        StatusCode.INTERNAL,
                        "realtime_sequence " + sequence + " repeated");
            }
            boolean stale = sequence <= newestDelivered || (endSequence >= 0 && sequence > endSequence);
            if (lifecycle.isDone() || stale) {
                // Older than what was delivered, or after the end stream (SPEC.md §5.7 steps 3, 4).
                return CallStream.refuse(port, ErrorCode.STALE, null, "");
            }
            MessageStream stream = new MessageStream(port, sequence, call.realtimeEnd());
            incomplete.put(sequence, stream);
            stream.begin();
            return stream;
        } finally {
            lifecycle.unlock();
        }
    }

    /** A message stream ended with FIN. Caller holds the lock; returns what to report. */
    private StatusCode completed(MessageStream stream, Req message) {
        if (!remove(stream)) {
            return null;
        }
        if (stream.isEnd) {
            endSequence = stream.sequence;
        } else if (stream.sequence > newestDelivered) {
            newestDelivered = stream.sequence;
            messages.addDroppingOldest(message);
            // SPEC.md §5.7 step 3: every incomplete older stream is stale now.
            for (MessageStream older :
                    new ArrayList<>(incomplete.headMap(stream.sequence).values())) {
                older.stopStale();
            }
        }
        checkInputEnded();
        return takeReport();
    }

    /** A message stream ended without a message. Caller holds the lock; returns what to report. */
    private StatusCode dropped(MessageStream stream) {
        if (!remove(stream)) {
            return null;
        }
        checkInputEnded();
        return takeReport();
    }

    private boolean remove(MessageStream stream) {
        if (incomplete.get(stream.sequence) != stream) {
            return false;
        }
        incomplete.remove(stream.sequence);
        stream.close();
        return true;
    }

    private void checkInputEnded() {
        if (!lifecycle.isDone() && endSequence >= 0 && (incomplete.isEmpty() || incomplete.firstKey() > endSequence)) {
            lifecycle.succeed(Abort.none());
            messages.end(null, false);
            report = StatusCode.OK;
        }
    }

    /** Fails the call: streams still open are stopped with {@code code} carrying the status (SPEC.md §5.5). */
    private void fail(StatusException status, ErrorCode code) {
        StatusCode ended;
        lifecycle.lock();
        try {
            if (!end(code, status.code(), status.description(), status)) {
                return;
            }
            messages.end(status, true);
            ended = takeReport();
        } finally {
            lifecycle.unlock();
        }
        reportEnded(ended);
    }

    /** The connection is gone (SPEC.md §6.2): the handler's input ends with {@code code}. Any thread. */
    void connectionLost(StatusCode code, String description) {
        StatusCode ended;
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            for (MessageStream stream : incomplete.values()) {
                stream.stream.connectionLost();
            }
            StatusException failure = new StatusException(code, description);
            end(ErrorCode.NO_ERROR, null, "", failure);
            messages.end(failure, true);
            ended = takeReport();
        } finally {
            lifecycle.unlock();
        }
        reportEnded(ended);
    }

    /**
     * Stops the incomplete streams with {@code code} (carrying {@code status} when there is one),
     * then finishes the call with {@code outcome}. Caller holds the lock.
     *
     * @return whether this ended the call
     */
    private boolean end(ErrorCode code, StatusCode status, String message, StatusException outcome) {
        if (lifecycle.isDone()) {
            return false;
        }
        List<MessageStream> open = new ArrayList<>(incomplete.values());
        incomplete.clear();
        for (MessageStream stream : open) {
            stream.stream.stop(code, status, message);
            stream.close();
        }
        lifecycle.finish(outcome, Abort.none());
        report = status == null ? StatusCode.OK : status;
        return true;
    }

    private StatusCode takeReport() {
        StatusCode taken = report;
        report = null;
        return taken;
    }

    /** Tells the registry, outside this call's lock (the registry locks before calls). */
    private void reportEnded(StatusCode status) {
        if (status != null) {
            onEnded.accept(status);
        }
    }

    /** One message stream of the call: CALL, MESSAGE, FIN (or CALL, FIN with {@code realtime_end}). */
    private final class MessageStream implements StreamListener {
        final CallStream stream;
        final long sequence;
        final boolean isEnd;
        private final HalfGrammar grammar = HalfGrammar.requestHalf(method.pattern());
        private ScheduledFuture<?> ageTimer;
        private Req message;

        MessageStream(StreamPort port, long sequence, boolean isEnd) {
            this.stream = new CallStream(port, false, true);
            this.sequence = sequence;
            this.isEnd = isEnd;
            grammar.accept(FrameType.CALL);
        }

        void begin() {
            if (maxAge != null && !isEnd) {
                // SPEC.md §5.7 step 3: the stream surfaced with its first bytes, so its age counts from now.
                ageTimer = connection.eventLoop().schedule(this::expired, maxAge.toNanos(), TimeUnit.NANOSECONDS);
            }
            stream.port().requestRead();
        }

        private void expired() {
            StatusCode ended;
            lifecycle.lock();
            try {
                if (incomplete.get(sequence) == this) {
                    stream.stop(ErrorCode.STALE);
                }
                ended = dropped(this);
            } finally {
                lifecycle.unlock();
            }
            reportEnded(ended);
        }

        /** Caller holds the call's lock. */
        void stopStale() {
            stream.stop(ErrorCode.STALE);
            remove(this);
        }

        /** Caller holds the call's lock. */
        void close() {
            if (ageTimer != null) {
                ageTimer.cancel(false);
            }
            stream.release();
        }

        private void broken(ErrorCode code, String what) {
            StatusCode ended;
            lifecycle.lock();
            try {
                stream.stop(
                        code,
                        code == ErrorCode.RESOURCE_EXHAUSTED ? StatusCode.RESOURCE_EXHAUSTED : StatusCode.INTERNAL,
                        what);
                ended = dropped(this);
            } finally {
                lifecycle.unlock();
            }
            reportEnded(ended);
        }

        /** The peer ended this stream: with FIN, it delivers {@code delivered}; reset, nothing. */
        private void receiveEnded(boolean withFin, Req delivered) {
            StatusCode ended;
            lifecycle.lock();
            try {
                stream.receiveEnded();
                ended = withFin ? completed(this, delivered) : dropped(this);
            } finally {
                lifecycle.unlock();
            }
            reportEnded(ended);
        }

        @Override
        public void onFrame(Frame frame) {
            lifecycle.progressed();
            try {
                grammar.accept(frame.type());
                if (isEnd) {
                    throw new FrameException(ErrorCode.PROTOCOL_ERROR, "a realtime_end stream carries no MESSAGE");
                }
                int size = frame.content().readableBytes();
                if (Messages.overMethodLimit(method, size)) {
                    broken(ErrorCode.RESOURCE_EXHAUSTED, "message of " + size + " bytes exceeds the method's limit");
                    return;
                }
                message = Messages.decode(method.requestCodec(), frame.content());
                stream.port().requestRead();
            } catch (FrameException e) {
                broken(ErrorCode.PROTOCOL_ERROR, e.getMessage());
            } catch (Messages.DecodeFailure e) {
                broken(ErrorCode.PROTOCOL_ERROR, e.getMessage());
            } finally {
                frame.release();
            }
        }

        @Override
        public void onFin() {
            try {
                grammar.end();
            } catch (FrameException e) {
                broken(ErrorCode.PROTOCOL_ERROR, e.getMessage());
                return;
            }
            if (!isEnd && message == null) {
                broken(ErrorCode.PROTOCOL_ERROR, "a realtime message stream without MESSAGE");
                return;
            }
            receiveEnded(true, message);
        }

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
            if (!peerReset) {
                broken(code, detail);
                return;
            }
            receiveEnded(false, null);
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            connectionLost(code, description);
        }
    }
}
