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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Server side of {@code @unordered} (SPEC.md §5.6). The control stream is a bidi call whose
 * response half carries only the final STATUS with {@code response_count}; every
 * {@link #send} opens a server uni stream with RESPONSE_HEADER, MESSAGE, FIN. The STATUS goes
 * out once the handler returned and every response stream was written to FIN. When the call
 * ends early (cancel, deadline), the response streams still open are reset with the same code.
 */
final class UnorderedServerCall<Req, Resp> extends BidiServerCall<Req, Resp> implements UnorderedSink<Resp> {
    /** QUIC's default urgency (RFC 9218): responses are ordered among themselves, not above other calls. */
    private static final int RESPONSE_URGENCY = 3;

    private final UnorderedHandler<Req, Resp> handler;
    /** A lock rather than a monitor: virtual threads waiting in send must not pin their carriers. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Long> indexes = new HashSet<>();
    private final Set<ResponseStream> open = new HashSet<>();
    private final long controlStreamId;
    private int sending;
    private long opened;
    private boolean abandoned;

    UnorderedServerCall(StreamPort port, CallFrame call, MethodDescriptor<Req, Resp> method, UnorderedHandler<Req, Resp> handler) {
        super(port, call, method);
        this.handler = handler;
        this.controlStreamId = port.streamId();
    }

    /**
     * Runs the handler, waits for sends still running on other threads, then ends the control
     * stream with STATUS and the number of response streams opened, whatever the code (SPEC.md §5.6).
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
        lock.lock();
        try {
            while (sending > 0 && !abandoned) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StatusException(StatusCode.CANCELLED, "interrupted while responses were sent");
                }
            }
            count = opened;
        } finally {
            lock.unlock();
        }
        if (context.isCancelled()) {
            return;
        }
        StatusFrame status = failure == null ? Statuses.ok(context.trailers(), count)
                : Statuses.ofHandlerFailure(method, failure, context.trailers());
        respondStatus(new StatusFrame(status.code(), status.message(), status.error(), status.trailers(), count));
    }

    @Override
    public void send(long index, Resp value) {
        ByteBuf message = Messages.encode(connection, method, method.responseCodec(), value);
        lock.lock();
        try {
            if (abandoned) {
                message.release();
                throw cancellation();
            }
            if (!indexes.add(index)) {
                message.release();
                throw new IllegalArgumentException("response index " + index + " was already sent in this call");
            }
            sending++;
        } finally {
            lock.unlock();
        }
        try {
            ResponseStream response = new ResponseStream();
            StreamPort port;
            try {
                port = connection.openStream(false, response).get();
            } catch (ExecutionException e) {
                message.release();
                throw e.getCause() instanceof StatusException s ? s
                        : new StatusException(StatusCode.UNAVAILABLE, "cannot open a response stream: " + e.getCause());
            } catch (InterruptedException e) {
                message.release();
                Thread.currentThread().interrupt();
                throw new StatusException(StatusCode.CANCELLED, "interrupted while opening a response stream");
            }
            // Non-incremental: QUIC sends whole responses one after another instead of sharing the
            // bandwidth among all of them, so the first is complete after one response's time
            // rather than near the end; loss on one stream still holds back no other.
            port.setUrgency(RESPONSE_URGENCY, false);
            lock.lock();
            try {
                opened++;
            } finally {
                lock.unlock();
            }
            response.write(port, index, message);
        } finally {
            lock.lock();
            try {
                sending--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private StatusException cancellation() {
        StatusException cancellation = context.cancellation();
        return cancellation != null ? cancellation : new StatusException(StatusCode.CANCELLED, "the call has ended");
    }

    @Override
    void abandoned(ErrorCode code) {
        lock.lock();
        try {
            abandoned = true;
            for (ResponseStream response : open) {
                response.abort(code);
            }
            open.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One response stream: RESPONSE_HEADER, MESSAGE, FIN once it is writable. Guarded by the call's lock. */
    private final class ResponseStream implements SendOnlyListener {
        private CallStream stream;
        private boolean stopped;

        void write(StreamPort port, long index, ByteBuf message) {
            lock.lock();
            try {
                stream = new CallStream(port, true, false);
                open.add(this);
                try {
                    while (!abandoned && !stopped && !stream.isWritable()) {
                        changed.await();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abandonWith(message);
                    throw new StatusException(StatusCode.CANCELLED, "interrupted while sending a response");
                }
                if (abandoned || stopped) {
                    abandonWith(message);
                    throw cancellation();
                }
                stream.write(Frames.encode(connection.alloc(), new ResponseHeaderFrame(controlStreamId, index)));
                stream.writeAndFinish(message);
                stream.release();
                open.remove(this);
            } finally {
                lock.unlock();
            }
        }

        private void abandonWith(ByteBuf message) {
            message.release();
            abort(ErrorCode.CANCELLED);
            open.remove(this);
        }

        /** SPEC.md §5.6 step 5: a response stream still open when the call ends early is reset. */
        void abort(ErrorCode code) {
            stream.reset(code);
            stream.release();
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
            lock.lock();
            try {
                stopped = true;
                if (stream != null) {
                    stream.answerStop(code);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
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
                stopped = true;
                if (stream != null) {
                    stream.connectionLost();
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
