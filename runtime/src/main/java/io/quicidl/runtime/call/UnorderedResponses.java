package io.quicidl.runtime.call;

import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameException;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.HalfGrammar;
import io.quicidl.runtime.wire.ResponseHeaderFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * The response streams of one {@code @unordered} client call (SPEC.md §5.6): each server uni
 * stream carries RESPONSE_HEADER, MESSAGE, FIN, and its response is handed to the reader as soon
 * as that stream completes. Streams are read only while fewer than
 * {@value UnorderedClientCall#READY_BOUND} responses wait for the reader, and at most
 * {@value UnorderedClientCall#READ_AHEAD} at a time, so a slow reader holds the server back
 * through stream credit; several at once, so that a few stalled by loss do not hold back those
 * behind them.
 *
 * <p>This phase has its own {@link CallLifecycle}: it ends once, when the STATUS and every
 * response it counts are in or the call fails, and runs its own deadline timer once the control
 * stream is done. Lock order: the control call's lock, then this one, never the other way round.
 * Threads: response stream callbacks on the event loop; {@link #take} on the reader's thread.
 */
final class UnorderedResponses<Resp> {
    private final UnorderedClientCall<?, Resp> call;
    /** Finish once, the responses' deadline timer, the lock over everything below and the reader's wake-ups. */
    private final CallLifecycle lifecycle;

    private final ArrayDeque<Indexed<Resp>> ready = new ArrayDeque<>();
    private final ArrayDeque<ResponseReader> parked = new ArrayDeque<>();
    private final Set<ResponseReader> open = new HashSet<>();
    private final Set<Long> seen = new HashSet<>();
    private long controlStreamId = -1;
    private RuntimeException statusOutcome;
    private int reading;
    private long expected = -1;
    private long received;
    private boolean controlDone;

    UnorderedResponses(UnorderedClientCall<?, Resp> call, CallObserver observer) {
        this.call = call;
        this.lifecycle = new CallLifecycle(observer);
    }

    /** The control stream is open; its id names the call on the connection. */
    void controlStreamOpened(long streamId) {
        lifecycle.lock();
        try {
            controlStreamId = streamId;
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * SPEC.md §5.6 step 4: the STATUS names how many response streams the server opened, whatever
     * its code; fewer than already arrived is a protocol error.
     *
     * @throws FrameException PROTOCOL_ERROR when fewer
     */
    void statusArrived(long responseCount, RuntimeException outcome) {
        lifecycle.lock();
        try {
            if (responseCount < seen.size()) {
                throw new FrameException(
                        ErrorCode.PROTOCOL_ERROR,
                        "response_count " + responseCount + " but " + seen.size() + " response streams arrived");
            }
            expected = responseCount;
            statusOutcome = outcome;
        } finally {
            lifecycle.unlock();
        }
    }

    /** The control stream's call ended with {@code outcome}: wait for the responses still due, or end. */
    void controlEnded(RuntimeException outcome) {
        lifecycle.lock();
        try {
            if (outcome == null || outcome == statusOutcome) {
                // The STATUS is in; the call still waits for its response streams, within the deadline.
                controlDone = true;
                completeIfAllIn();
                if (!lifecycle.isDone() && call.deadline != null) {
                    lifecycle.startDeadline(
                            call.deadline, call.connection.eventLoop(), () -> call.failCall(call.deadline.exceeded()));
                }
            } else {
                boolean localCancel = outcome instanceof StatusException e && e.code() == StatusCode.CANCELLED;
                end(outcome, localCancel);
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /** A response stream of this call arrived (event loop); returns its listener. */
    StreamListener accept(StreamPort port, ResponseHeaderFrame header) {
        ResponseReader reader;
        String violation = null;
        lifecycle.lock();
        try {
            if (lifecycle.isDone()) {
                return CallStream.refuse(port, ErrorCode.CANCELLED, null, "");
            }
            if (call.method.maxMessageBytes() > 0) {
                port.setMaxMessageBytes(call.method.maxMessageBytes());
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
            lifecycle.unlock();
        }
        if (violation != null) {
            call.failCall(new StatusException(StatusCode.INTERNAL, violation));
        }
        return reader;
    }

    /**
     * The next response, waiting for one; {@code null} once every response is in.
     *
     * @throws RuntimeException the call's failure; CANCELLED (after closing the call) when the
     *     reader is interrupted
     */
    Indexed<Resp> take() {
        lifecycle.lock();
        try {
            try {
                while (ready.isEmpty() && !lifecycle.isDone()) {
                    lifecycle.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Indexed<Resp> item = ready.poll();
            if (item != null) {
                unpark();
                return item;
            }
            if (lifecycle.isDone() && lifecycle.outcome() != null) {
                throw lifecycle.outcome();
            }
            if (lifecycle.isDone()) {
                return null;
            }
        } finally {
            lifecycle.unlock();
        }
        call.close();
        throw new StatusException(StatusCode.CANCELLED, "interrupted while waiting for a response");
    }

    /** Ends the responses with {@code outcome}; {@code discard} drops those the reader has not taken. */
    void endWith(RuntimeException outcome, boolean discard) {
        lifecycle.lock();
        try {
            end(outcome, discard);
        } finally {
            lifecycle.unlock();
        }
    }

    private boolean mayReadMore() {
        return ready.size() < UnorderedClientCall.READY_BOUND && reading < UnorderedClientCall.READ_AHEAD;
    }

    private void unpark() {
        while (mayReadMore() && !parked.isEmpty()) {
            reading++;
            parked.poll().stream.port().requestRead();
        }
    }

    private void completeIfAllIn() {
        if (!lifecycle.isDone() && controlDone && received >= expected) {
            end(statusOutcome, false);
        }
    }

    /**
     * Ends once: forgets the call on the connection and stops its response streams still open
     * (SPEC.md §5.6), with the code that matches the outcome. Caller holds the lock.
     */
    private void end(RuntimeException outcome, boolean discard) {
        if (!lifecycle.finish(outcome, Abort.none())) {
            return;
        }
        if (controlStreamId >= 0) {
            call.connection.forgetUnorderedCall(controlStreamId);
        }
        ErrorCode code =
                outcome instanceof StatusException e ? UnorderedClientCall.abortCodeOf(e.code()) : ErrorCode.CANCELLED;
        for (ResponseReader reader : new ArrayList<>(open)) {
            reader.stream.stop(code);
            reader.stream.release();
        }
        open.clear();
        parked.clear();
        if (discard) {
            ready.clear();
        }
    }

    /** The reader's stream ended with FIN: its response is ready. Event loop. */
    private void delivered(ResponseReader reader, Resp value) {
        lifecycle.lock();
        try {
            reader.stream.receiveEnded();
            if (!open.remove(reader)) {
                return;
            }
            reader.stream.release();
            reading--;
            received++;
            ready.add(new Indexed<>(reader.index, value));
            lifecycle.signalAllAfterThisTurn(call.connection.eventLoop());
            unpark();
            completeIfAllIn();
        } finally {
            lifecycle.unlock();
        }
    }

    /** The reader's stream is over without a response. Caller holds the lock. */
    private void dropped(ResponseReader reader) {
        if (open.remove(reader)) {
            reader.stream.release();
            if (!parked.remove(reader)) {
                reading--;
            }
            unpark();
        }
    }

    /** A broken response stream: stopped with {@code code}, and the call fails. */
    private void failed(ResponseReader reader, StatusException failure, ErrorCode code) {
        lifecycle.lock();
        try {
            reader.stream.stop(code);
            dropped(reader);
        } finally {
            lifecycle.unlock();
        }
        call.failCall(failure);
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
                if (Messages.overMethodLimit(call.method, size)) {
                    failed(
                            this,
                            Codes.receiveFailure(
                                    ErrorCode.RESOURCE_EXHAUSTED,
                                    "response of " + size + " bytes exceeds the method's limit"),
                            ErrorCode.RESOURCE_EXHAUSTED);
                    return;
                }
                value = Messages.decode(call.method.responseCodec(), frame.content());
                CallObserver messages = call.messageObserver();
                if (messages != null) {
                    messages.response(value, size);
                }
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
            delivered(this, value);
        }

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
            if (!peerReset) {
                failed(this, Codes.receiveFailure(code, detail), code);
                return;
            }
            lifecycle.lock();
            try {
                stream.receiveEnded();
                dropped(this);
            } finally {
                lifecycle.unlock();
            }
            // SPEC.md §5.6 step 4: a response stream the server resets ends the call.
            call.failCall(Codes.peerAborted(code, "reset a response stream"));
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            lifecycle.lock();
            try {
                stream.connectionLost();
                dropped(this);
            } finally {
                lifecycle.unlock();
            }
        }
    }
}
