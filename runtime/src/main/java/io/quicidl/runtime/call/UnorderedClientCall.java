package io.quicidl.runtime.call;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.transport.UnorderedResponseHandler;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameException;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.HalfGrammar;
import io.quicidl.runtime.wire.ResponseHeaderFrame;
import io.quicidl.runtime.wire.StatusFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Client side of {@code @unordered} (SPEC.md §5.6). The control stream is a bidi call (CALL,
 * MESSAGE, FIN out; STATUS with {@code response_count} back); each response arrives on its own
 * server uni stream and is handed over as soon as that stream completes. The call completes
 * when it has the STATUS and that many responses. Response streams are read only while fewer
 * than {@value #READY_BOUND} responses wait for the reader, and at most {@value #READ_AHEAD} at
 * a time, so a slow reader holds the server back through stream credit. Several streams are read
 * at once so that a few stalled by loss do not hold back the responses behind them. Closing early
 * stops the control stream and every response stream with CANCELLED.
 */
public final class UnorderedClientCall<Req, Resp> extends BidiClientCall<Req, Resp>
        implements ResponseStream<Indexed<Resp>>, UnorderedResponseHandler {
    /** Responses decoded and waiting for the reader, above which no more streams are read. */
    static final int READY_BOUND = 4;
    /**
     * Response streams read at once. More than {@link #READY_BOUND}: a stream waiting for a lost
     * packet occupies a reader without producing a response, and those behind it must not wait
     * (head-of-line blocking). Each holds at most one partial message.
     */
    static final int READ_AHEAD = 16;

    /**
     * Guards the response streams and the ready responses; a lock so that waiting readers do not
     * pin carrier threads. Order: the base class's lock, then this one, never the other way round.
     */
    private final ReentrantLock readyLock = new ReentrantLock();
    private final Condition readyChanged = readyLock.newCondition();
    private final AtomicBoolean iterated = new AtomicBoolean();
    private final ArrayDeque<Indexed<Resp>> ready = new ArrayDeque<>();
    private final ArrayDeque<ResponseReader> parked = new ArrayDeque<>();
    private final Set<ResponseReader> open = new HashSet<>();
    private final Set<Long> seen = new HashSet<>();
    private long controlStreamId = -1;
    private RuntimeException statusOutcome;
    private ScheduledFuture<?> responsesTimer;
    private int reading;
    private long expected = -1;
    private long received;
    private boolean controlDone;
    private boolean ended;
    private RuntimeException failure;

    private UnorderedClientCall(CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options) {
        super(connection, method, options);
    }

    /** Starts the call. */
    public static <Req, Resp> ResponseStream<Indexed<Resp>> start(
            CallConnection connection, MethodDescriptor<Req, Resp> method, Req request, CallOptions options) {
        UnorderedClientCall<Req, Resp> call = new UnorderedClientCall<>(connection, method, options);
        call.start(request);
        return call;
    }

    @Override
    void beforeCall(StreamPort port) {
        readyLock.lock();
        try {
            controlStreamId = port.streamId();
        } finally {
            readyLock.unlock();
        }
        // SPEC.md §5.6: registered before CALL goes out, so no response stream can arrive unknown.
        connection.expectUnorderedResponses(port.streamId(), this);
    }

    /**
     * SPEC.md §5.6 step 4: the STATUS names how many response streams the server opened, whatever
     * its code; fewer than already arrived is a protocol error.
     */
    @Override
    RuntimeException outcomeAtFin(StatusFrame status, int messages) {
        RuntimeException outcome = super.outcomeAtFin(status, messages);
        readyLock.lock();
        try {
            if (status.responseCount() < seen.size()) {
                throw new FrameException(ErrorCode.PROTOCOL_ERROR, "response_count " + status.responseCount()
                        + " but " + seen.size() + " response streams arrived");
            }
            expected = status.responseCount();
            statusOutcome = outcome;
        } finally {
            readyLock.unlock();
        }
        return outcome;
    }

    @Override
    void terminated(RuntimeException outcome) {
        readyLock.lock();
        try {
            if (outcome == null || outcome == statusOutcome) {
                // The STATUS is in; the call still waits for its response streams, within the deadline.
                controlDone = true;
                completeIfAllIn();
                if (!ended && deadline != null) {
                    responsesTimer = deadline.schedule(connection.eventLoop(),
                            () -> failCall(deadline.exceeded()));
                }
            } else {
                boolean localCancel = outcome instanceof StatusException e && e.code() == StatusCode.CANCELLED;
                endAll(outcome, localCancel);
            }
        } finally {
            readyLock.unlock();
        }
    }

    @Override
    public StreamListener acceptResponse(StreamPort port, ResponseHeaderFrame header) {
        ResponseReader reader;
        String violation = null;
        readyLock.lock();
        try {
            if (ended) {
                return CallStream.refuse(port, ErrorCode.CANCELLED, null, "");
            }
            if (method.maxMessageBytes() > 0) {
                port.setMaxMessageBytes(method.maxMessageBytes());
            }
            reader = new ResponseReader(port, header.index());
            open.add(reader);
            if (!seen.add(header.index())) {
                violation = "response index " + header.index() + " arrived twice";
            } else if (controlDone && seen.size() > expected) {
                violation = "more response streams than response_count " + expected;
            } else if (mayReadMore()) {
                reading++;
                port.requestRead();
            } else {
                parked.add(reader);
            }
        } finally {
            readyLock.unlock();
        }
        if (violation != null) {
            failCall(new StatusException(StatusCode.INTERNAL, violation));
        }
        return reader;
    }

    /**
     * Fails the whole call: the control stream and every response stream still open are aborted
     * with the code that matches the failure (SPEC.md §5.6 step 4).
     */
    private void failCall(StatusException failure) {
        ErrorCode code = abortCodeOf(failure.code());
        finish(failure, Abort.both(code));
        readyLock.lock();
        try {
            endAll(failure, false);
        } finally {
            readyLock.unlock();
        }
    }

    private static ErrorCode abortCodeOf(StatusCode status) {
        return switch (status) {
            case DEADLINE_EXCEEDED -> ErrorCode.DEADLINE_EXCEEDED;
            case RESOURCE_EXHAUSTED -> ErrorCode.RESOURCE_EXHAUSTED;
            case INTERNAL -> ErrorCode.PROTOCOL_ERROR;
            default -> ErrorCode.CANCELLED;
        };
    }

    @Override
    public Iterator<Indexed<Resp>> iterator() {
        if (!iterated.compareAndSet(false, true)) {
            throw new IllegalStateException("the stream can be iterated only once");
        }
        return new Iterator<>() {
            private Indexed<Resp> next;
            private boolean finished;

            @Override
            public boolean hasNext() {
                if (next == null && !finished) {
                    next = take();
                    finished = next == null;
                }
                return next != null;
            }

            @Override
            public Indexed<Resp> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Indexed<Resp> item = next;
                next = null;
                return item;
            }
        };
    }

    private Indexed<Resp> take() {
        readyLock.lock();
        try {
            try {
                while (ready.isEmpty() && !ended) {
                    readyChanged.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Indexed<Resp> item = ready.poll();
            if (item != null) {
                unpark();
                return item;
            }
            if (ended && failure != null) {
                throw failure;
            }
            if (ended) {
                return null;
            }
        } finally {
            readyLock.unlock();
        }
        close();
        throw new StatusException(StatusCode.CANCELLED, "interrupted while waiting for a response");
    }

    private boolean mayReadMore() {
        return ready.size() < READY_BOUND && reading < READ_AHEAD;
    }

    private void unpark() {
        while (mayReadMore() && !parked.isEmpty()) {
            reading++;
            parked.poll().stream.port().requestRead();
        }
    }

    @Override
    public void close() {
        cancel("the client closed the response stream");
        readyLock.lock();
        try {
            endAll(new StatusException(StatusCode.CANCELLED, "the client closed the response stream"), true);
        } finally {
            readyLock.unlock();
        }
    }

    private void completeIfAllIn() {
        if (!ended && controlDone && received >= expected) {
            endAll(statusOutcome, false);
        }
    }

    /**
     * Ends the call: forgets it on the connection and stops its response streams still open
     * (SPEC.md §5.6), with the code that matches the outcome.
     */
    private void endAll(RuntimeException outcome, boolean discard) {
        if (ended) {
            return;
        }
        ended = true;
        failure = outcome;
        if (responsesTimer != null) {
            responsesTimer.cancel(false);
        }
        if (controlStreamId >= 0) {
            connection.forgetUnorderedCall(controlStreamId);
        }
        ErrorCode code = outcome instanceof StatusException e ? abortCodeOf(e.code()) : ErrorCode.CANCELLED;
        for (ResponseReader reader : new ArrayList<>(open)) {
            reader.stream.stop(code);
            reader.stream.release();
        }
        open.clear();
        parked.clear();
        if (discard) {
            ready.clear();
        }
        readyChanged.signalAll();
    }

    private void delivered(ResponseReader reader, Resp value) {
        readyLock.lock();
        try {
            if (!open.remove(reader)) {
                return;
            }
            reader.stream.release();
            reading--;
            received++;
            ready.add(new Indexed<>(reader.index, value));
            readyChanged.signalAll();
            unpark();
            completeIfAllIn();
        } finally {
            readyLock.unlock();
        }
    }

    private void dropped(ResponseReader reader) {
        readyLock.lock();
        try {
            if (open.remove(reader)) {
                reader.stream.release();
                if (!parked.remove(reader)) {
                    reading--;
                }
                unpark();
            }
        } finally {
            readyLock.unlock();
        }
    }

    private void failed(ResponseReader reader, StatusException failure, ErrorCode code) {
        readyLock.lock();
        try {
            reader.stream.stop(code);
            dropped(reader);
        } finally {
            readyLock.unlock();
        }
        failCall(failure);
    }

    /** One response stream: RESPONSE_HEADER (read by the transport), MESSAGE, FIN. */
    private final class ResponseReader implements StreamListener {
        final CallStream stream;
        final long index;
        private final HalfGrammar grammar = HalfGrammar.unorderedResponseStream();
        private Resp value;

        ResponseReader(StreamPort port, long index) {
            this.stream = new CallStream(port, false, true);
            this.index = index;
            grammar.accept(FrameType.RESPONSE_HEADER);
        }

        @Override
        public void onFrame(Frame frame) {
            try {
                grammar.accept(frame.type());
                int size = frame.content().readableBytes();
                if (Messages.overMethodLimit(method, size)) {
                    failed(this, Codes.receiveFailure(ErrorCode.RESOURCE_EXHAUSTED,
                            "response of " + size + " bytes exceeds the method's limit"), ErrorCode.RESOURCE_EXHAUSTED);
                    return;
                }
                value = Messages.decode(method.responseCodec(), frame.content());
                stream.port().requestRead();
            } catch (FrameException e) {
                failed(this, new StatusException(StatusCode.INTERNAL, e.getMessage()), ErrorCode.PROTOCOL_ERROR);
            } catch (Messages.DecodeFailure e) {
                failed(this, new StatusException(StatusCode.INTERNAL, e.getMessage()), ErrorCode.PROTOCOL_ERROR);
            } finally {
                frame.release();
            }
        }

        @Override
        public void onFin() {
            try {
                grammar.end();
            } catch (FrameException e) {
                failed(this, new StatusException(StatusCode.INTERNAL, e.getMessage()), ErrorCode.PROTOCOL_ERROR);
                return;
            }
            readyLock.lock();
            try {
                stream.receiveEnded();
            } finally {
                readyLock.unlock();
            }
            delivered(this, value);
        }

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
            if (!peerReset) {
                failed(this, Codes.receiveFailure(code, detail), code);
                return;
            }
            readyLock.lock();
            try {
                stream.receiveEnded();
            } finally {
                readyLock.unlock();
            }
            dropped(this);
            // SPEC.md §5.6 step 4: a response stream the server resets ends the call.
            failCall(Codes.peerAborted(code, "reset a response stream"));
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            readyLock.lock();
            try {
                stream.connectionLost();
            } finally {
                readyLock.unlock();
            }
            dropped(this);
        }
    }
}
