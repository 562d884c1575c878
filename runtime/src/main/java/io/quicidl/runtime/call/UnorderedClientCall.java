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
import io.quicidl.runtime.wire.ResponseHeaderFrame;
import io.quicidl.runtime.wire.StatusFrame;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client side of {@code @unordered} (SPEC.md §5.6). The control stream is a bidi call (CALL,
 * MESSAGE, FIN out; STATUS with {@code response_count} back), run by the base class; each
 * response arrives on its own server uni stream, read by {@link UnorderedResponses}. The call
 * completes when it has the STATUS and that many responses. Closing early stops the control
 * stream and every response stream with CANCELLED.
 *
 * <p>The {@code @unordered} pieces: this class and {@link UnorderedResponses} on the client,
 * {@link UnorderedServerCall} (with its response streams) on the server, the public
 * {@code UnorderedSink} the handler sends through, and the transport's
 * {@code UnorderedResponseHandler} hook that routes response streams here.
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

    private final AtomicBoolean iterated = new AtomicBoolean();
    private final UnorderedResponses<Resp> streams;

    private UnorderedClientCall(
            CallConnection connection, MethodDescriptor<Req, Resp> method, CallOptions options, CallObserver observer) {
        super(connection, method, options, observer);
        this.streams = new UnorderedResponses<>(this, observer);
    }

    /** Starts the call. */
    public static <Req, Resp> ResponseStream<Indexed<Resp>> start(
            CallConnection connection,
            MethodDescriptor<Req, Resp> method,
            Req request,
            CallOptions options,
            CallObserver observer) {
        UnorderedClientCall<Req, Resp> call = new UnorderedClientCall<>(connection, method, options, observer);
        call.start(request);
        return call;
    }

    @Override
    void beforeCall(StreamPort port) {
        streams.controlStreamOpened(port.streamId());
        // SPEC.md §5.6: registered before CALL goes out, so no response stream can arrive unknown.
        connection.expectUnorderedResponses(port.streamId(), this);
    }

    /** SPEC.md §5.6 step 4: the STATUS counts the response streams, whatever its code. */
    @Override
    RuntimeException outcomeAtFin(StatusFrame status, int messages) {
        RuntimeException outcome = super.outcomeAtFin(status, messages);
        streams.statusArrived(status.responseCount(), outcome);
        return outcome;
    }

    @Override
    void terminated(RuntimeException outcome) {
        streams.controlEnded(outcome);
    }

    @Override
    public StreamListener acceptResponse(StreamPort port, ResponseHeaderFrame header) {
        return streams.accept(port, header);
    }

    /**
     * Fails the whole call: the control stream and every response stream still open are aborted
     * with the code that matches the failure (SPEC.md §5.6 step 4).
     */
    void failCall(StatusException failure) {
        finish(failure, Abort.both(abortCodeOf(failure.code())));
        streams.endWith(failure, false);
    }

    static ErrorCode abortCodeOf(StatusCode status) {
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
                    next = streams.take();
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

    @Override
    public void close() {
        cancel("the client closed the response stream");
        streams.endWith(new StatusException(StatusCode.CANCELLED, "the client closed the response stream"), true);
    }
}
