package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames and FIN a stream's writers queued, from any thread, until the event loop hands them
 * to QUIC several frames per write ({@link NettyStreamPort}). Counts the queued bytes, so a writer
 * faster than the network still waits for QUIC credit.
 */
final class OutboundFrames {
    /** Queued bytes above which the stream reports itself not writable. */
    private static final long QUEUED_BYTES_LIMIT = 256 * 1024;
    /** At most this many frames, or {@link #QUEUED_BYTES_LIMIT} bytes, go to QUIC in one write. */
    private static final int FRAMES_PER_WRITE = 64;
    /** The queue's end-of-stream marker: FIN after the frames queued before it. */
    private static final Object FIN = new Object();

    /** Where a drain hands its writes: a frame (a composite of several, or null with FIN) and whether FIN follows. */
    interface Writer {
        void writeToQuic(ByteBuf frame, boolean fin);
    }

    private final Queue<Object> queued = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Set when a writer found the queue full and may be waiting to hear it is writable again. */
    private final AtomicBoolean writerMayWait = new AtomicBoolean();

    void add(ByteBuf frame) {
        queuedBytes.addAndGet(frame.readableBytes());
        queued.add(frame);
    }

    void addFin() {
        queued.add(FIN);
    }

    boolean isEmpty() {
        return queued.isEmpty();
    }

    /** Whether writers must wait for the queue to drain; if so, the next drain reports it ({@link #writerMayWait}). */
    boolean isFull() {
        if (queuedBytes.get() >= QUEUED_BYTES_LIMIT) {
            // Flag first, then look again: a drain that lowers the count after this look sees the
            // flag and wakes the writer, so only drains that may have a waiting writer signal it.
            writerMayWait.set(true);
            return queuedBytes.get() >= QUEUED_BYTES_LIMIT;
        }
        return false;
    }

    /** After a drain: whether a writer may be waiting for room (clears the flag). */
    boolean writerMayWait() {
        return writerMayWait.getAndSet(false);
    }

    /** Event loop: hands everything queued to {@code writer}, several frames per write, in order. */
    void drainTo(ByteBufAllocator alloc, Writer writer) {
        // A lone frame (a unary request or response) is written as it is; a composite only
        // gathers two or more.
        ByteBuf single = null;
        CompositeByteBuf batch = null;
        Object item;
        while ((item = queued.poll()) != null) {
            if (item == FIN) {
                writer.writeToQuic(batch != null ? batch : single, true);
                single = null;
                batch = null;
                continue;
            }
            ByteBuf frame = (ByteBuf) item;
            queuedBytes.addAndGet(-frame.readableBytes());
            if (single == null && batch == null) {
                single = frame;
                continue;
            }
            if (batch == null) {
                batch = alloc.compositeDirectBuffer(FRAMES_PER_WRITE);
                batch.addComponent(true, single);
                single = null;
            }
            batch.addComponent(true, frame);
            if (batch.numComponents() >= FRAMES_PER_WRITE || batch.readableBytes() >= QUEUED_BYTES_LIMIT) {
                writer.writeToQuic(batch, false);
                batch = null;
            }
        }
        if (single != null) {
            writer.writeToQuic(single, false);
        }
        if (batch != null) {
            writer.writeToQuic(batch, false);
        }
    }
}
