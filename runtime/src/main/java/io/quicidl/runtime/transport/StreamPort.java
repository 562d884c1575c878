package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.wire.ErrorCode;

/**
 * One QUIC stream as a call's state machine sees it. The transport implements it over a Netty
 * QUIC stream channel; tests may implement it in memory.
 *
 * <p>Every method may be called from any thread; the transport runs the work on the stream's
 * event loop. Ownership of every {@link ByteBuf} passed in moves to the port. Events about the
 * stream arrive at the {@link StreamListener} given when the stream was opened or accepted.
 */
public interface StreamPort {
    /** The QUIC stream id. */
    long streamId();

    /** Whether this stream is bidirectional. */
    boolean isBidirectional();

    /** The connection this stream belongs to. */
    CallConnection connection();

    /**
     * Queues an encoded frame (see {@code Frames}) on the send half. Never blocks and never fails
     * for lack of flow-control credit: callers that must not buffer without bound wait for
     * {@link #isWritable()} (or {@link StreamListener#onWritable()}) before writing again.
     */
    void write(ByteBuf frame);

    /** Queues a last frame and FIN behind everything written before: nothing queued is lost. */
    void writeAndFinish(ByteBuf frame);

    /** Queues FIN behind everything written before (SPEC.md §5; NETTY-QUIC-NOTES: FIN ordering). */
    void finish();

    /** Whether the send half can take more data now (QUIC flow control and the write queue). */
    boolean isWritable();

    /**
     * Aborts the send half with RESET_STREAM; a no-op once reset. Works after FIN as well: what the
     * QUIC stack has not sent yet is dropped (for superseded {@code @realtime} messages).
     */
    void reset(ErrorCode code);

    /**
     * Aborts the receive half with STOP_SENDING and tells the peer on the control stream with a
     * STREAM_STOPPED frame (SPEC.md §5.1). {@code status} and {@code statusMessage} travel in that
     * frame for calls without a response half (SPEC.md §5.5); pass {@code null} and "" otherwise.
     */
    void stop(ErrorCode code, StatusCode status, String statusMessage);

    /**
     * Sets the largest MESSAGE payload this stream accepts from now on: the method's
     * {@code @max_message_bytes}, once the call is known. Until then the connection's limit
     * applies. A larger frame fails the receive half with RESOURCE_EXHAUSTED before any of it
     * is buffered.
     */
    void setMaxMessageBytes(int maxMessageBytes);

    /** Asks for more inbound data: the port delivers frames only on demand, never flooding the reader. */
    void requestRead();

    /**
     * Sets the stream's priority (RFC 9218 urgency 0..7, lower is more urgent), for
     * {@code @realtime} (SPEC.md §5.7).
     */
    void setUrgency(int urgency, boolean incremental);

    /**
     * Releases the stream once everything queued has been handed to QUIC. The call layer calls
     * this when its call is complete on its side; the connection counts a call stream as in flight
     * until then (close discipline, SPEC.md §6.3).
     */
    void release();
}
