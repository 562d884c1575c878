package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
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
import io.quicidl.runtime.wire.RealtimeDatagram;
import io.quicidl.runtime.wire.StatusFrame;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Server side of one {@code @realtime(delivery = datagram)} call (SPEC.md §5.9): a client uni
 * stream carrying CALL and, at the end, FIN; the messages come as QUIC DATAGRAM frames. A
 * datagram reaches the handler only when it is newer than every one delivered and not later
 * than {@code max_age_ms} behind the fastest datagram of the call; every other is dropped and
 * counted. Failures stop the stream with a status, as for {@code @notifications} (SPEC.md §5.5).
 */
final class RealtimeDatagramServerCall<Req> implements StreamListener {
    private static final System.Logger LOG = System.getLogger(RealtimeDatagramServerCall.class.getName());
    private static final int MESSAGE_BUFFER = 4;

    private final CallConnection connection;
    private final MethodDescriptor<Req, ?> method;
    private final RequestsHandler<Req> handler;
    private final CallStream stream;
    private final long callId;
    private final LongConsumer onEnded;
    private final Deadline deadline;
    private final ServerContext context;
    private final HalfGrammar grammar;
    private final long maxAgeNanos;
    private final InboundBuffer<Req> messages = new InboundBuffer<>(MESSAGE_BUFFER);
    private final AtomicBoolean iterated = new AtomicBoolean();
    /** Finish once, the deadline timer and the lock over everything below; cancels {@link #context}. */
    private final CallLifecycle lifecycle;

    private long newestDelivered = -1;
    /**
     * The smallest arrival time minus send time of the call's datagrams: its fastest datagram,
     * against which each one's lateness counts (SPEC.md §5.9). The CALL is no sample: a
     * datagram's path (first datagram of a cold process) may be slower than a stream's.
     */
    private long baselineNanos = Long.MAX_VALUE;
    /** Set once the FIN arrived: the input ends when it fires. */
    private ScheduledFuture<?> endTimer;

    RealtimeDatagramServerCall(
            StreamPort port,
            CallFrame call,
            MethodDescriptor<Req, ?> method,
            RequestsHandler<Req> handler,
            LongConsumer onEnded) {
        this.connection = port.connection();
        this.method = method;
        this.handler = handler;
        this.stream = new CallStream(port, false, true);
        this.callId = port.streamId();
        this.onEnded = onEnded;
        this.deadline = Deadline.forServer(call.timeoutMicros());
        this.context = new ServerContext(method, call.metadata(), deadline, connection);
        this.lifecycle = new CallLifecycle(stream, context);
        this.grammar = HalfGrammar.requestHalf(method.pattern());
        this.maxAgeNanos = method.realtimeMaxAge().orElseThrow().toNanos();
        grammar.accept(FrameType.CALL);
    }

    /** Starts the handler and reads the stream for its FIN; event loop, when the CALL arrived. */
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
        stream.port().requestRead();
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
        lifecycle.lock();
        try {
            if (!lifecycle.isDone()) {
                // The handler wants no more: the client may stop (SPEC.md §4.1 NO_ERROR).
                stream.stop(ErrorCode.NO_ERROR);
                finish(null);
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * One datagram of this call, its reader index at the message; released here. Event loop.
     *
     * @param arrivedNanos when it arrived ({@link System#nanoTime()})
     */
    void datagram(RealtimeDatagram header, ByteBuf message, long arrivedNanos) {
        try {
            lifecycle.lock();
            try {
                if (lifecycle.isDone()) {
                    connection.datagramDropped(callId, "ended call");
                    return;
                }
                lifecycle.progressed();
                long pathNanos = arrivedNanos - TimeUnit.MICROSECONDS.toNanos(header.sentMicros());
                baselineNanos = Math.min(baselineNanos, pathNanos);
                if (header.sequence() <= newestDelivered) {
                    // Duplicated or overtaken by a newer one (SPEC.md §5.9).
                    connection.datagramDropped(callId, "old");
                    return;
                }
                if (pathNanos - baselineNanos > maxAgeNanos) {
                    connection.datagramDropped(callId, "stale");
                    return;
                }
                int size = message.readableBytes();
                if (Messages.overMethodLimit(method, size)) {
                    connection.datagramDropped(callId, "over the method's limit");
                    return;
                }
                Req decoded;
                try {
                    decoded = Messages.decode(method.requestCodec(), message);
                } catch (Messages.DecodeFailure e) {
                    fail(new StatusException(StatusCode.INVALID_ARGUMENT, e.getMessage()), ErrorCode.PROTOCOL_ERROR);
                    return;
                }
                newestDelivered = header.sequence();
                messages.addDroppingOldest(decoded);
            } finally {
                lifecycle.unlock();
            }
        } finally {
            message.release();
        }
    }

    @Override
    public void onFrame(Frame frame) {
        try {
            grammar.accept(frame.type());
            // A MESSAGE on the CALL stream: datagram delivery sends messages only as datagrams.
            fail(
                    new StatusException(StatusCode.INTERNAL, "a datagram-delivery realtime stream carries no MESSAGE"),
                    ErrorCode.PROTOCOL_ERROR);
        } catch (FrameException e) {
            fail(new StatusException(StatusCode.INTERNAL, e.getMessage()), ErrorCode.PROTOCOL_ERROR);
        } finally {
            frame.release();
        }
    }

    /**
     * The client ended the call. Datagrams sent before the FIN may still be on their way, so the
     * input ends {@code max_age_ms} later: any datagram arriving after that would be stale anyway.
     */
    @Override
    public void onFin() {
        lifecycle.lock();
        try {
            if (lifecycle.isDone() || endTimer != null) {
                return;
            }
            stream.receiveEnded();
            endTimer = connection.eventLoop().schedule(this::inputEnded, maxAgeNanos, TimeUnit.NANOSECONDS);
        } finally {
            lifecycle.unlock();
        }
    }

    private void inputEnded() {
        lifecycle.lock();
        try {
            if (lifecycle.succeed(Abort.none())) {
                messages.end(null, false);
                onEnded.accept(callId);
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
        lifecycle.lock();
        try {
            if (lifecycle.finishReceiveEnded(cancellation, Abort.none())) {
                messages.end(cancellation, true);
                onEnded.accept(callId);
            }
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

    @Override
    public void onWritable() {}

    @Override
    public void onConnectionLost(StatusCode code, String description) {
        StatusException cancellation = new StatusException(code, description);
        lifecycle.lock();
        try {
            if (lifecycle.connectionLost(cancellation)) {
                messages.end(cancellation, true);
                onEnded.accept(callId);
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /** Stops the stream with {@code code} and the status (SPEC.md §5.5), then ends the call. */
    private void fail(StatusException status, ErrorCode code) {
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return;
            }
            stream.stop(code, status.code(), status.description());
            finish(status);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Ends the call once; caller holds the lock. */
    private void finish(StatusException outcome) {
        if (endTimer != null) {
            endTimer.cancel(false);
        }
        if (lifecycle.finish(outcome, Abort.none())) {
            messages.end(outcome != null ? outcome : new StatusException(StatusCode.CANCELLED, "the call ended"), true);
            onEnded.accept(callId);
        }
    }
}
