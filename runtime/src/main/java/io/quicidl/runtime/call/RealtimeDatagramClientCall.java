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
import io.quicidl.runtime.wire.RealtimeDatagram;
import java.util.concurrent.ExecutionException;

/**
 * Client side of {@code @realtime(delivery = datagram)} (SPEC.md §5.9): one client uni stream
 * carries CALL (with the first message) and FIN (at the end); each message is one QUIC DATAGRAM
 * frame, never retransmitted. A call fails at once when the server takes no datagrams, and a
 * message too big for one datagram fails the call. The server reports failures by stopping the
 * stream with a status (SPEC.md §5.5), which the next {@link #send} throws.
 */
public final class RealtimeDatagramClientCall<Req> implements RealtimeSink<Req> {
    private final CallConnection connection;
    private final MethodDescriptor<Req, ?> method;
    private final Metadata metadata;
    private final Deadline deadline;
    private final int payloadLimit;
    /**
     * Finish once (the end, a failure or a cancel), the deadline timer and the lock over
     * everything below. Its outcome is the failure the next {@link #send} throws.
     */
    private final CallLifecycle lifecycle;
    /** Told each message sent; {@code null} when no interceptor asks. */
    private final CallObserver messages;
    /** Held while the CALL stream opens, so that two first sends open one stream. */
    private final Object opening = new Object();

    private CallStream stream;
    private long callId = -1;
    private long callWrittenNanos;
    private long nextSequence;

    private RealtimeDatagramClientCall(
            CallConnection connection,
            MethodDescriptor<Req, ?> method,
            CallOptions options,
            CallObserver observer,
            int payloadLimit) {
        this.connection = connection;
        this.method = method;
        this.metadata = options.metadata();
        this.deadline = Deadline.forClient(method, options);
        this.payloadLimit = payloadLimit;
        this.lifecycle = new CallLifecycle(observer);
        this.messages = observer != null && observer.observesMessages() ? observer : null;
    }

    /**
     * Starts the call; the CALL stream opens with the first message.
     *
     * @throws StatusException FAILED_PRECONDITION when the server takes no QUIC DATAGRAM frames
     */
    public static <Req> RealtimeSink<Req> start(
            CallConnection connection, MethodDescriptor<Req, ?> method, CallOptions options, CallObserver observer) {
        int limit = payloadLimit(connection);
        if (limit <= 0) {
            StatusException refused = new StatusException(
                    StatusCode.FAILED_PRECONDITION,
                    method.fullName() + " uses @realtime(delivery = datagram), but the server takes no QUIC "
                            + "DATAGRAM frames (it sent no max_datagram_frame_size transport parameter)");
            if (observer != null) {
                observer.close(refused);
            }
            throw refused;
        }
        RealtimeDatagramClientCall<Req> call =
                new RealtimeDatagramClientCall<>(connection, method, options, observer, limit);
        if (call.deadline != null) {
            call.lifecycle.startDeadline(call.deadline, connection.eventLoop(), call::expired);
        }
        return call;
    }

    private static int payloadLimit(CallConnection connection) {
        try {
            return connection.datagramPayloadLimit().get();
        } catch (ExecutionException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException(StatusCode.CANCELLED, "interrupted while starting the call");
        }
    }

    @Override
    public void send(Req message) {
        int size = method.requestCodec().encodedSize(message);
        Messages.checkSize(connection, method, size);
        checkRunning();
        if (size + 3 > payloadLimit) {
            // Too big with the smallest header: fail before the CALL stream opens for nothing.
            throw tooBig(size, 3);
        }
        open();
        ByteBuf datagram;
        lifecycle.lock();
        try {
            checkRunning();
            long sentMicros = (System.nanoTime() - callWrittenNanos) / 1_000;
            RealtimeDatagram header = new RealtimeDatagram(callId, nextSequence, sentMicros);
            int length = header.headerLength() + size;
            if (length > payloadLimit) {
                throw tooBig(size, header.headerLength());
            }
            nextSequence++;
            datagram = header.encode(connection.alloc(), method.requestCodec(), message);
            lifecycle.progressed();
            if (messages != null) {
                messages.request(message, size);
            }
        } finally {
            lifecycle.unlock();
        }
        connection.sendDatagram(datagram);
    }

    /** Fails the call: a message must fit in one datagram (SPEC.md §5.9). */
    private StatusException tooBig(int size, int headerLength) {
        StatusException tooBig = new StatusException(
                StatusCode.RESOURCE_EXHAUSTED,
                "message of " + size + " bytes does not fit in one QUIC DATAGRAM of " + method.fullName()
                        + ": with its " + headerLength + "-byte header it needs " + (size + headerLength)
                        + " bytes, the path takes " + payloadLimit);
        lifecycle.lock();
        try {
            if (stream != null) {
                stream.reset(ErrorCode.CANCELLED);
            }
            lifecycle.finish(tooBig, Abort.none());
        } finally {
            lifecycle.unlock();
        }
        return tooBig;
    }

    @Override
    public void complete() {
        checkRunning();
        open();
        lifecycle.lock();
        try {
            checkRunning();
            // SPEC.md §5.9: FIN on the CALL stream ends the call.
            stream.finish();
            lifecycle.finish(null, Abort.none());
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
            if (stream != null) {
                stream.reset(ErrorCode.CANCELLED);
            }
            lifecycle.finish(null, Abort.none());
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

    /** Opens the CALL stream and writes CALL, once; waits for stream credit only. */
    private void open() {
        synchronized (opening) {
            if (stream != null) {
                return;
            }
            CallStream opened;
            try {
                opened = new CallStream(
                        connection.openStream(false, new Listener()).get(), true, false);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof StatusException s
                        ? s
                        : new StatusException(StatusCode.UNAVAILABLE, "cannot open a stream: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StatusException(StatusCode.CANCELLED, "interrupted while opening a stream");
            }
            lifecycle.lock();
            try {
                if (!lifecycle.attach(opened)) {
                    checkRunning();
                    return;
                }
                stream = opened;
                callId = opened.port().streamId();
                opened.port().setUrgency(0, false);
                long timeoutMicros = deadline == null ? 0 : deadline.timeoutMicros();
                opened.write(Frames.encode(
                        connection.alloc(),
                        new CallFrame(method.fullName(), timeoutMicros, metadata, callId, 0, false)));
                callWrittenNanos = System.nanoTime();
            } finally {
                lifecycle.unlock();
            }
        }
    }

    /** The deadline passed: the stream is reset with DEADLINE_EXCEEDED; the next send throws. */
    private void expired() {
        lifecycle.lock();
        try {
            if (!lifecycle.isDone() && stream != null) {
                stream.reset(ErrorCode.DEADLINE_EXCEEDED);
            }
            lifecycle.finish(deadline.exceeded(), Abort.none());
        } finally {
            lifecycle.unlock();
        }
    }

    /** Fails the call with what the server or the connection reported; the next send throws. */
    private void fail(StatusException status) {
        lifecycle.finish(status, Abort.none());
    }

    /** The CALL stream; the server only ever stops it. */
    private final class Listener implements SendOnlyListener {
        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
            lifecycle.lock();
            try {
                if (lifecycle.stream() != null) {
                    lifecycle.stream().answerStop(code);
                }
            } finally {
                lifecycle.unlock();
            }
            // NO_ERROR: the handler wants no more; datagrams sent now are dropped by the server.
            if (code == ErrorCode.NO_ERROR || code == ErrorCode.CANCELLED) {
                return;
            }
            StatusCode reported = status != null ? status : Codes.statusOf(code);
            fail(new StatusException(
                    reported, statusMessage.isEmpty() ? "server stopped the call stream with " + code : statusMessage));
        }

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            fail(new StatusException(code, description));
        }
    }
}
