package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.ErrorCode;

/**
 * A call's stream with the state of its two halves. Every write, finish, reset, stop and release
 * of a call stream goes through here, so each happens at most once and never on a half that is
 * already over. Not thread-safe: the owning call holds its lock around every use.
 */
final class CallStream {
    private final StreamPort port;
    private boolean sendOpen;
    private boolean receiveOpen;
    private boolean released;
    private boolean unsentReset;

    /**
     * @param sends whether this side writes on the stream
     * @param receives whether this side reads from the stream
     */
    CallStream(StreamPort port, boolean sends, boolean receives) {
        this.port = port;
        this.sendOpen = sends;
        this.receiveOpen = receives;
    }

    StreamPort port() {
        return port;
    }

    boolean sendOpen() {
        return sendOpen;
    }

    boolean receiveOpen() {
        return receiveOpen;
    }

    boolean isWritable() {
        return sendOpen && port.isWritable();
    }

    /** Writes a frame; a frame for a half that is over is dropped (the call ended meanwhile). */
    void write(ByteBuf frame) {
        if (sendOpen) {
            port.write(frame);
        } else {
            frame.release();
        }
    }

    /** Writes the last frame of the send half and FIN. */
    void writeAndFinish(ByteBuf frame) {
        if (sendOpen) {
            sendOpen = false;
            port.writeAndFinish(frame);
        } else {
            frame.release();
        }
    }

    /** FIN behind everything written. */
    void finish() {
        if (sendOpen) {
            sendOpen = false;
            port.finish();
        }
    }

    /** The peer finished or reset the receive half. */
    void receiveEnded() {
        receiveOpen = false;
    }

    /** The peer stopped the send half: answer with RESET_STREAM carrying its code (RFC 9000 §3.5). */
    void answerStop(ErrorCode code) {
        reset(code);
    }

    /** The connection is gone: neither half can be touched any more. */
    void connectionLost() {
        sendOpen = false;
        receiveOpen = false;
    }

    /** RESET_STREAM on the send half, if it is still open. */
    void reset(ErrorCode code) {
        if (sendOpen) {
            sendOpen = false;
            port.reset(code);
        }
    }

    /**
     * RESET_STREAM even after FIN was queued, for data the QUIC stack may not have accepted yet:
     * a superseded {@code @realtime} message (SPEC.md §5.7). At most once per stream.
     */
    void resetUnsent(ErrorCode code) {
        if (!unsentReset) {
            unsentReset = true;
            sendOpen = false;
            port.reset(code);
        }
    }

    /** STOP_SENDING on the receive half, if it is still open (SPEC.md §5.1: with STREAM_STOPPED). */
    void stop(ErrorCode code) {
        stop(code, null, "");
    }

    /** STOP_SENDING carrying a call status, for calls without a response half (SPEC.md §5.5). */
    void stop(ErrorCode code, StatusCode status, String statusMessage) {
        if (receiveOpen) {
            receiveOpen = false;
            port.stop(code, status, statusMessage);
        }
    }

    /** Reset and stop as a unit (SPEC.md §5.4, §5.8, §7.2). */
    void abort(ErrorCode code) {
        reset(code);
        stop(code);
    }

    /**
     * Stops a peer-opened stream this side will not read and frees it.
     *
     * @return the listener for whatever still arrives on it
     */
    static StreamListener refuse(StreamPort port, ErrorCode code, StatusCode status, String statusMessage) {
        CallStream stream = new CallStream(port, false, true);
        stream.stop(code, status, statusMessage);
        stream.release();
        return DiscardingListener.INSTANCE;
    }

    /** Tells the transport the call is complete on this side; only the first call counts. */
    void release() {
        if (!released) {
            released = true;
            port.release();
        }
    }
}
