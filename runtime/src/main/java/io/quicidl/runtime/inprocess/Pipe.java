package io.quicidl.runtime.inprocess;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * One direction of a {@link MemoryStream}: the sender's queued bytes, the receiver's decoder
 * and demand. Senders call in on any thread; the bytes move on the receiver's event loop, only
 * while the receiver asked for more ({@code requestRead}), in chunks the settings choose. The
 * sender may queue up to the window before {@code isWritable()} turns false, as QUIC flow
 * control allows.
 */
final class Pipe {
    private final MemoryStream stream;
    private final StreamEnd sender;
    private final StreamEnd receiver;
    private final LinkSettings settings;
    private final FrameAssembler assembler;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private long queued;
    private boolean fin;
    private ErrorCode reset;
    private ErrorCode stopped;
    private boolean readerDone;
    private boolean finDelivered;
    private boolean lost;
    private boolean demand;
    private boolean pumpScheduled;
    private int framesDecoded;

    Pipe(MemoryStream stream, StreamEnd sender, StreamEnd receiver) {
        this.stream = stream;
        this.sender = sender;
        this.receiver = receiver;
        this.settings = sender.connection.link.settings;
        this.assembler =
                new FrameAssembler(settings.alloc, receiver.connection.maxMessageBytes, settings.maxMetadataBytes);
    }

    private void record(LinkObserver.Kind kind, ErrorCode code, FrameType type) {
        settings.observer.event(stream.id, sender.connection.isClient, kind, code, type);
    }

    synchronized void write(ByteBuf frame) {
        if (lost || stopped != null || reset != null) {
            frame.release();
            return;
        }
        if (fin) {
            frame.release();
            settings.observer.violation("write after FIN on stream " + stream.id);
            return;
        }
        queued += frame.readableBytes();
        queue.add(frame);
        schedulePump();
    }

    synchronized void finish() {
        if (fin || lost || stopped != null || reset != null) {
            return;
        }
        fin = true;
        record(LinkObserver.Kind.FIN, null, null);
        schedulePump();
    }

    synchronized boolean writable() {
        return !lost && !fin && reset == null && stopped == null && queued < settings.window;
    }

    /**
     * Effective while the receiver has not taken everything up to FIN: QUIC's "not yet
     * accepted". After a STOP_SENDING it is the RESET_STREAM QUIC answers with.
     */
    synchronized void reset(ErrorCode code) {
        if (lost || reset != null || finDelivered) {
            return;
        }
        reset = code;
        freeQueue();
        record(LinkObserver.Kind.RESET, code, null);
        schedulePump();
    }

    synchronized void stop(ErrorCode code, StatusCode status, String statusMessage) {
        if (lost || readerDone || stopped != null) {
            return;
        }
        stopped = code;
        readerDone = true;
        freeQueue();
        record(LinkObserver.Kind.STOP, code, null);
        schedulePump();
        // The sender learns of it as from a STREAM_STOPPED frame on the control stream (SPEC.md §5.1).
        sender.connection.loop.execute(() -> {
            StreamListener l = sender.listener;
            if (l != null && !sender.released()) {
                l.onStopped(code, status, statusMessage);
            }
        });
    }

    synchronized void requestRead() {
        demand = true;
        schedulePump();
    }

    synchronized void lose() {
        lost = true;
        freeQueue();
        schedulePump();
    }

    synchronized void maxMessageBytes(int maxMessageBytes) {
        assembler.maxMessageBytes(maxMessageBytes);
    }

    /** No byte left queued or half decoded. */
    synchronized boolean drained() {
        return queue.isEmpty() && assembler.idle();
    }

    /** After the event loops stopped: frees whatever a pump could not. */
    synchronized void freeAfterShutdown() {
        freeQueue();
        assembler.freeAfterShutdown();
    }

    private void schedulePump() {
        if (!pumpScheduled) {
            pumpScheduled = true;
            receiver.connection.loop.execute(this::pump);
        }
    }

    private void freeQueue() {
        for (ByteBuf buf : queue) {
            buf.release();
        }
        queue.clear();
        queued = 0;
    }

    /** Runs on the receiver's event loop: moves bytes through the decoder to the listener. */
    private void pump() {
        while (true) {
            List<Object> events = new ArrayList<>();
            boolean wakeSender = false;
            synchronized (this) {
                pumpScheduled = false;
                if (lost || (readerDone && reset == null)) {
                    assembler.free();
                    freeQueue();
                    return;
                }
                if (reset != null) {
                    if (readerDone || stopped != null) {
                        assembler.free();
                        return;
                    }
                    readerDone = true;
                    assembler.free();
                    events.add(new FrameAssembler.Aborted(reset, true, "peer reset with " + reset));
                } else if (!demand && receiver.listener != null) {
                    return;
                } else if (stalled()) {
                    return;
                } else if (assembler.failed()) {
                    freeQueue();
                    return;
                } else if (!queue.isEmpty()) {
                    wakeSender = feedChunk(events);
                } else if (fin) {
                    readerDone = true;
                    finDelivered = true;
                    assembler.finish(events);
                    recordFrames(events);
                } else {
                    return;
                }
                if (!events.isEmpty()) {
                    demand = false;
                }
            }
            deliver(events);
            if (wakeSender) {
                wakeSender();
            }
        }
    }

    /** Tells the sender it may write again; nothing to tell once its side has shut down. */
    private void wakeSender() {
        try {
            sender.connection.loop.execute(sender::onWritable);
        } catch (RejectedExecutionException shutDown) {
            // The sending side's event loop is gone with its link: no writer is left to wake.
        }
    }

    /** Moves one chunk of the head buffer into the decoder; whether the sender has room again. */
    private boolean feedChunk(List<Object> events) {
        ByteBuf head = queue.peek();
        int readable = head.readableBytes();
        int n = settings.stallAfterFirstFrame.test(stream.id)
                ? 1
                : Math.max(1, Math.min(readable, settings.chunks.applyAsInt(readable)));
        ByteBuf chunk = head.readRetainedSlice(n);
        if (!head.isReadable()) {
            queue.poll().release();
        }
        boolean wasFull = queued >= settings.window;
        queued -= n;
        assembler.decode(chunk, events);
        recordFrames(events);
        if (assembler.failed()) {
            freeQueue();
        }
        return wasFull && queued < settings.window;
    }

    private void recordFrames(List<Object> events) {
        for (Object event : events) {
            if (event instanceof Frame frame) {
                framesDecoded++;
                record(LinkObserver.Kind.FRAME, null, frame.type());
            }
        }
    }

    private boolean stalled() {
        return framesDecoded > 0 && settings.stallAfterFirstFrame.test(stream.id);
    }

    private void deliver(List<Object> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                deliver(events.get(i));
            } catch (RuntimeException | Error e) {
                // A listener failed (e.g. its executor shut down): the frames it never saw are still ours.
                for (Object undelivered : events.subList(i + 1, events.size())) {
                    if (undelivered instanceof Frame frame) {
                        frame.release();
                    }
                }
                throw e;
            }
        }
    }

    private void deliver(Object event) {
        StreamListener l = receiver.listener;
        if (l == null) {
            if (event instanceof Frame frame) {
                receiver.connection.accept(receiver, frame);
            } else {
                // Never surfaced (reset or finished before a frame): the transport frees it.
                receiver.release();
            }
        } else if (receiver.released()) {
            if (event instanceof Frame frame) {
                frame.release();
            }
        } else if (event instanceof Frame frame) {
            l.onFrame(frame);
        } else if (event == FrameAssembler.FIN) {
            l.onFin();
        } else {
            FrameAssembler.Aborted a = (FrameAssembler.Aborted) event;
            l.onReceiveAborted(a.code(), a.peerReset(), a.detail());
        }
    }
}
