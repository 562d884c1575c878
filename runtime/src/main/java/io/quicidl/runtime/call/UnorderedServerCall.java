package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerMethod.UnorderedHandler;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.UnorderedSink;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.ResponseHeaderFrame;
import io.quicidl.runtime.wire.StatusFrame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * Server side of {@code @unordered} (SPEC.md §5.6). The control stream is a bidi call whose
 * response half carries only the final STATUS with {@code response_count}; every
 * {@link #send} opens a server uni stream with RESPONSE_HEADER, MESSAGE, FIN. The STATUS goes
 * out once the handler returned and every response stream was written to FIN. When the call
 * ends early (cancel, deadline), the response streams still open are reset with the same code.
 *
 * <p>{@link #send} does not wait for the stream to open and become writable: it hands the
 * encoded response over and returns, so that a handler keeps several responses on their way
 * instead of one per event-loop round trip (or per round trip of the path, when flow control or
 * the congestion window hold a new stream back). Memory stays bounded: a response is written
 * only to a writable stream, and at most {@value #MAX_UNWRITTEN_RESPONSES} responses of a call
 * or {@value #MAX_UNWRITTEN_BYTES} bytes of them (one response, whatever its size) wait for that;
 * {@code send} blocks while that many wait. The bound must cover a path's bandwidth-delay
 * product: at 8 responses, 200 responses of 16 KiB took 1.5–2 s over a clean 40 ms path where
 * {@code @server_streaming} took 0.5 s; at 64 (1 MiB) they took about as long.
 *
 * <p>The call's state and its response streams are guarded by the base call's
 * {@link CallLifecycle} lock, whose waiters are the handler in {@code send} and in
 * {@link #runHandler} waiting for the responses to be written.
 */
final class UnorderedServerCall<Req, Resp> extends BidiServerCall<Req, Resp> implements UnorderedSink<Resp> {
    /**
     * One below the urgency the server gives every call's responses (3, RFC 9218's default; see
     * InboundStreamRouter): responses are ordered among themselves, not above other calls. quiche
     * sends a non-incremental stream before incremental ones of the same urgency, so at 3 one
     * large call's responses would hold back every other call on the connection.
     */
    private static final int RESPONSE_URGENCY = 4;
    /** Responses handed over and not yet written (their stream opening or not writable), above which {@link #send} waits. */
    static final int MAX_UNWRITTEN_RESPONSES = 64;
    /** Encoded bytes of such responses above which {@link #send} waits, unless none is waiting. */
    static final int MAX_UNWRITTEN_BYTES = 1 << 20;

    private final UnorderedHandler<Req, Resp> handler;
    private final Set<Long> indexes = new HashSet<>();
    private final Set<ResponseStream> open = new HashSet<>();
    private final long controlStreamId;
    /**
     * Responses handed over and not yet written to FIN (their stream opening or not writable) nor
     * given up: {@link #send} waits while there are {@value #MAX_UNWRITTEN_RESPONSES}, the STATUS
     * until there are none.
     */
    private int sending;
    /** Encoded bytes of the {@link #sending} responses. */
    private long sendingBytes;

    private long opened;
    private boolean abandoned;
    private ErrorCode abandonCode = ErrorCode.CANCELLED;
    /** Why a response stream could not be opened: later sends and the STATUS report it. */
    private StatusException openFailure;

    UnorderedServerCall(
            StreamPort port, CallFrame call, MethodDescriptor<Req, Resp> method, UnorderedHandler<Req, Resp> handler) {
        super(port, call, method);
        this.handler = handler;
        this.controlStreamId = port.streamId();
    }

    /**
     * Runs the handler, waits for responses still being written, then ends the control stream
     * with STATUS and the number of response streams opened, whatever the code (SPEC.md §5.6).
     */
    @Override
    void runHandler(Req request) {
        Throwable failure = null;
        try {
            handler.handle(request, this, context);
        } catch (Throwable t) {
            failure = t;
        }
        long count;
        lifecycle.lock();
        try {
            while (sending > 0 && !abandoned) {
                try {
                    lifecycle.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StatusException(StatusCode.CANCELLED, "interrupted while responses were sent");
                }
            }
            count = opened;
            if (failure == null) {
                failure = openFailure;
            }
        } finally {
            lifecycle.unlock();
        }
        if (context.isCancelled()) {
            return;
        }
        StatusFrame status = failure == null
                ? Statuses.ok(context.trailers(), count)
                : Statuses.ofHandlerFailure(method, failure, context.trailers());
        respondStatus(new StatusFrame(status.code(), status.message(), status.error(), status.trailers(), count));
    }

    @Override
    public void send(long index, Resp value) {
        ByteBuf message = Messages.encode(connection, method, method.responseCodec(), value);
        lifecycle.lock();
        try {
            try {
                while ((sending >= MAX_UNWRITTEN_RESPONSES
                                || (sending > 0 && sendingBytes + message.readableBytes() > MAX_UNWRITTEN_BYTES))
                        && !abandoned
                        && openFailure == null) {
                    lifecycle.await();
                }
            } catch (InterruptedException e) {
                message.release();
                Thread.currentThread().interrupt();
                throw new StatusException(StatusCode.CANCELLED, "interrupted while waiting to send a response");
            }
            if (abandoned) {
                message.release();
                throw cancellationForHandler();
            }
            if (openFailure != null) {
                message.release();
                throw openFailure;
            }
            if (!indexes.add(index)) {
                message.release();
                throw new IllegalArgumentException("response index " + index + " was already sent in this call");
            }
            sending++;
            sendingBytes += message.readableBytes();
        } finally {
            lifecycle.unlock();
        }
        ResponseStream response = new ResponseStream(message.readableBytes());
        connection
                .openStream(false, response)
                .whenComplete((port, error) -> response.opened(port, error, index, message));
    }

    @Override
    void abandoned(ErrorCode code) {
        lifecycle.lock();
        try {
            abandoned = true;
            abandonCode = code;
            for (ResponseStream response : new ArrayList<>(open)) {
                response.abort(code);
            }
            open.clear();
            lifecycle.signalAll();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * One response stream: RESPONSE_HEADER, MESSAGE, FIN, written once the stream is open and
     * writable. Until then it counts against {@link #MAX_UNWRITTEN_RESPONSES}. Guarded by the
     * call's lifecycle lock.
     */
    private final class ResponseStream implements SendOnlyListener {
        /** The encoded response's size, counted in {@link #sendingBytes} until settled. */
        private final int bytes;

        private CallStream stream;
        private long index;
        private ByteBuf message;
        private boolean stopped;
        private boolean settled;

        ResponseStream(int bytes) {
            this.bytes = bytes;
        }

        /** The stream is open (or could not be opened): write the response when it is writable, or give it up. */
        void opened(StreamPort port, Throwable error, long index, ByteBuf message) {
            lifecycle.lock();
            try {
                if (error != null) {
                    message.release();
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (openFailure == null) {
                        openFailure = cause instanceof StatusException s
                                ? s
                                : new StatusException(
                                        StatusCode.UNAVAILABLE, "cannot open a response stream: " + cause);
                    }
                    settle();
                    return;
                }
                opened++;
                stream = new CallStream(port, true, false);
                if (abandoned || stopped) {
                    // SPEC.md §5.6 step 5: the call ended while this stream was opening.
                    message.release();
                    stream.reset(abandoned ? abandonCode : ErrorCode.CANCELLED);
                    settle();
                    return;
                }
                // Non-incremental: QUIC sends whole responses one after another instead of sharing the
                // bandwidth among all of them, so the first is complete after one response's time
                // rather than near the end; loss on one stream still holds back no other.
                port.setUrgency(RESPONSE_URGENCY, false);
                open.add(this);
                this.index = index;
                this.message = message;
                writeIfWritable();
            } finally {
                lifecycle.unlock();
            }
        }

        /** Writes the response once the port can take it (otherwise onWritable comes back here). */
        private void writeIfWritable() {
            if (message == null || settled || !stream.isWritable()) {
                return;
            }
            ByteBuf response = message;
            message = null;
            stream.write(Frames.encode(connection.alloc(), new ResponseHeaderFrame(controlStreamId, index)));
            stream.writeAndFinish(response);
            lifecycle.progressed();
            settle();
        }

        /**
         * Written to FIN, or given up: it no longer counts against the bound nor holds back the
         * STATUS, and the stream is released.
         */
        private void settle() {
            if (settled) {
                return;
            }
            settled = true;
            if (message != null) {
                message.release();
                message = null;
            }
            sending--;
            sendingBytes -= bytes;
            open.remove(this);
            if (stream != null) {
                stream.release();
            }
            lifecycle.signalAllAfterThisTurn(connection.eventLoop());
        }

        /** SPEC.md §5.6 step 5: a response stream still open when the call ends early is reset. */
        void abort(ErrorCode code) {
            stream.reset(code);
            settle();
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
            lifecycle.lock();
            try {
                stopped = true;
                if (stream != null) {
                    stream.answerStop(code);
                    settle();
                }
                lifecycle.signalAll();
            } finally {
                lifecycle.unlock();
            }
        }

        @Override
        public void onWritable() {
            lifecycle.lock();
            try {
                writeIfWritable();
            } finally {
                lifecycle.unlock();
            }
        }

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            lifecycle.lock();
            try {
                stopped = true;
                if (stream != null) {
                    stream.connectionLost();
                    settle();
                }
                lifecycle.signalAll();
            } finally {
                lifecycle.unlock();
            }
        }
    }
}
