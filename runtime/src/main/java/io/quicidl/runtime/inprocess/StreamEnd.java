package io.quicidl.runtime.inprocess;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.ErrorCode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One side's view of a {@link MemoryStream}: the {@link StreamPort} its call uses. Writes go to
 * the {@code out} pipe, reads and stops to the {@code in} pipe; a uni stream's ends have one each.
 */
final class StreamEnd implements StreamPort {
    final MemoryStream stream;
    final MemoryConnection connection;
    private final AtomicInteger releases = new AtomicInteger();
    /** Set on open, or by the connection when the first frame names the call. */
    volatile StreamListener listener;

    Pipe out;
    Pipe in;

    StreamEnd(MemoryStream stream, MemoryConnection connection, StreamListener listener) {
        this.stream = stream;
        this.connection = connection;
        this.listener = listener;
    }

    @Override
    public long streamId() {
        return stream.id;
    }

    @Override
    public boolean isBidirectional() {
        return stream.bidirectional;
    }

    @Override
    public CallConnection connection() {
        return connection;
    }

    @Override
    public void write(ByteBuf frame) {
        if (out == null) {
            frame.release();
            connection.link.settings.observer.violation("write on the receive-only end of stream " + stream.id);
            return;
        }
        out.write(frame);
    }

    @Override
    public void writeAndFinish(ByteBuf frame) {
        write(frame);
        finish();
    }

    @Override
    public void finish() {
        if (out != null) {
            out.finish();
        }
    }

    @Override
    public boolean isWritable() {
        return out != null && out.writable();
    }

    @Override
    public void reset(ErrorCode code) {
        if (out != null) {
            out.reset(code);
        }
    }

    @Override
    public void stop(ErrorCode code, StatusCode status, String statusMessage) {
        if (in != null) {
            in.stop(code, status, statusMessage);
        }
    }

    @Override
    public void setMaxMessageBytes(int maxMessageBytes) {
        if (in != null) {
            in.maxMessageBytes(maxMessageBytes);
        }
    }

    @Override
    public void requestRead() {
        if (in != null) {
            in.requestRead();
        }
    }

    @Override
    public void setUrgency(int urgency, boolean incremental) {
        // Memory has no congestion to prioritise under: every stream moves at once.
    }

    @Override
    public void release() {
        if (releases.incrementAndGet() > 1) {
            connection.link.settings.observer.violation(
                    "stream " + stream.id + " released twice by the " + (connection.isClient ? "client" : "server"));
            return;
        }
        stream.endReleased();
    }

    boolean released() {
        return releases.get() > 0;
    }

    int releases() {
        return releases.get();
    }

    /** The send half has room again. */
    void onWritable() {
        StreamListener l = listener;
        if (l != null && !released()) {
            l.onWritable();
        }
    }
}
