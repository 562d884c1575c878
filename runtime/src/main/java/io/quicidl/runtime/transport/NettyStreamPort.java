package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamPriority;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameDecoder;
import io.quicidl.runtime.wire.FrameException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call stream over a Netty QUIC stream channel: the last handler of the stream's pipeline
 * (after the {@code FrameDecoder}) and the {@link StreamPort} the call layer drives. All state is
 * confined to the stream's event loop; public methods hop onto it.
 *
 * <p>Frames are not written one by one: Netty QUIC asks quiche for packets after every write, so
 * one small message would make one small packet and one system call. Frames queue here instead
 * and one event-loop task hands everything queued to QUIC as one write, so that quiche fills
 * whole packets and GSO sends them together. The queue counts against {@link #isWritable()}, so
 * a writer faster than the network still waits for QUIC credit.
 */
final class NettyStreamPort extends ChannelInboundHandlerAdapter implements StreamPort, OutboundFrames.Writer {
    private static final System.Logger LOG = System.getLogger(NettyStreamPort.class.getName());
    /** How long a failed write waits for the STREAM_STOPPED that names the stop's code. */
    private static final long STREAM_STOPPED_WAIT_MILLIS = 2_000;

    private final OutboundFrames outbound = new OutboundFrames();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private final QuicConnection connection;
    private final QuicStreamChannel channel;
    private StreamListener listener;

    private ChannelFuture lastWrite;
    /** Event loop: a drain is running (a write's callback must not start another). */
    private boolean draining;

    private boolean outputDone;
    private boolean resetSent;
    private boolean stopReported;
    private boolean released;
    /** The peer's FIN or RESET_STREAM has been read: quiche may free the stream once it is closed. */
    private boolean receiveEnded;
    /** We sent STOP_SENDING: quiche discards the rest of the receive half and surfaces nothing more. */
    private boolean receiveStopped;
    /** Our FIN was handed to QUIC (a write with FIN succeeded). */
    private boolean finWritten;

    NettyStreamPort(QuicConnection connection, QuicStreamChannel channel, StreamListener listener) {
        this.connection = connection;
        this.channel = channel;
        this.listener = listener;
        if (channel.type() == QuicStreamType.BIDIRECTIONAL || !channel.isLocalCreated()) {
            connection.strandedFins().watch(this);
        }
    }

    /** Sets the listener of a peer-opened stream once the call layer has accepted it. */
    void listener(StreamListener listener) {
        this.listener = listener;
    }

    @Override
    public long streamId() {
        return channel.streamId();
    }

    @Override
    public boolean isBidirectional() {
        return channel.type() == QuicStreamType.BIDIRECTIONAL;
    }

    @Override
    public CallConnection connection() {
        return connection;
    }

    @Override
    public void write(ByteBuf frame) {
        outbound.add(frame);
        handOver();
    }

    @Override
    public void writeAndFinish(ByteBuf frame) {
        outbound.add(frame);
        outbound.addFin();
        handOver();
    }

    @Override
    public void finish() {
        outbound.addFin();
        handOver();
    }

    @Override
    public boolean isWritable() {
        return !outbound.isFull() && channel.isWritable();
    }

    /**
     * On the event loop, hands what is queued to QUIC now: a write made while the connection
     * processes what it read goes out in the packets Netty sends at the end of that read, with
     * the other streams' writes, where a write in a task of its own is sent at once, alone.
     * Off the loop, queues a drain in the connection's next batch of loop work ({@link LoopTasks}),
     * whose writes also share packets: the drain clears its flag before taking frames, so every
     * item is either taken by a drain already queued ahead of any task submitted after this call
     * (reset, release) or schedules a new one, and order is kept.
     */
    private void handOver() {
        if (channel.eventLoop().inEventLoop()) {
            if (!draining) {
                drain();
            }
        } else if (drainScheduled.compareAndSet(false, true)) {
            connection.onLoop(this::drain);
        }
    }

    /** Event loop: hands every queued frame to QUIC, several frames per write. */
    private void drain() {
        drainScheduled.set(false);
        // A write can call back into the call layer (a failed write reports a stop), which may
        // queue more: the loop below takes it, after the frames it holds, never a nested drain.
        draining = true;
        try {
            outbound.drainTo(channel.alloc(), this);
        } finally {
            draining = false;
        }
        if (outbound.writerMayWait() && channel.isWritable() && listener != null && !released) {
            listener.onWritable();
        }
    }

    @Override
    public void reset(ErrorCode code) {
        onLoop(() -> {
            // Allowed after FIN too: data and FIN the QUIC stack has not sent yet are dropped
            // (a superseded @realtime message, SPEC.md §5.7).
            if (resetSent || !channel.isActive()) {
                return;
            }
            resetSent = true;
            outputDone = true;
            // RESET_STREAM, not close(): close() would send FIN (NETTY-QUIC-NOTES: streams).
            channel.shutdownOutput(code.value());
            connection.record(WireEvent.Type.RESET_SENT, streamId(), code.value(), "");
        });
    }

    @Override
    public void stop(ErrorCode code, StatusCode status, String statusMessage) {
        onLoop(() -> {
            if (!channel.isActive() || channel.isInputShutdown()) {
                return;
            }
            channel.shutdownInput(code.value());
            receiveStopped = true;
            connection.record(WireEvent.Type.STOP_SENT, streamId(), code.value(), "");
            // SPEC.md §5.1: Netty's writer hears nothing of STOP_SENDING until it writes.
            connection.control().sendStreamStopped(streamId(), code, status, statusMessage);
        });
    }

    @Override
    public void setMaxMessageBytes(int maxMessageBytes) {
        onLoop(() -> {
            FrameDecoder decoder = channel.pipeline().get(FrameDecoder.class);
            if (decoder != null) {
                decoder.maxMessageBytes(maxMessageBytes);
            }
        });
    }

    @Override
    public void requestRead() {
        onLoop(() -> {
            if (channel.isActive()) {
                channel.read();
            }
        });
    }

    @Override
    public void setUrgency(int urgency, boolean incremental) {
        onLoop(() -> channel.updatePriority(new QuicStreamPriority(urgency, incremental)));
    }

    @Override
    public void release() {
        onLoop(() -> {
            if (released) {
                return;
            }
            released = true;
            connection.callStreamReleased(this);
            if (receiveEnded || receiveStopped || !channel.isActive()) {
                closeAfterLastWrite();
            } else {
                // quiche frees a stream, and returns its credit to the peer, only after its FIN or
                // RESET_STREAM has been read; a closed Netty stream channel never reads again. So
                // a stream released before that keeps reading, dropping what comes, until it ends.
                channel.config().setAutoRead(true);
            }
        });
    }

    /** For a port made after the peer's FIN was read (a stream refused for ending too early). */
    void receiveAlreadyEnded() {
        receiveEnded = true;
    }

    /** The receive half ended; a released port was only waiting for that to close. */
    private void receiveHalfEnded() {
        receiveEnded = true;
        if (released) {
            closeAfterLastWrite();
        }
    }

    /** Closes the channel once the last write is handed to QUIC: closing skips queued writes. */
    private void closeAfterLastWrite() {
        if (lastWrite == null || lastWrite.isDone()) {
            close();
        } else {
            lastWrite.addListener(f -> close());
        }
    }

    private void close() {
        if (!isBidirectional() && !channel.isLocalCreated()) {
            QuicheStreamState.noFinToSend(channel);
        }
        channel.close();
        // A bidi stream closes only after the peer ended its half, so its FIN did its work; a
        // uni stream of ours closes as its FIN is written, which quiche may still strand.
        connection.streamChannelClosed(streamId(), finishedByUs() && !isBidirectional());
    }

    QuicStreamChannel channel() {
        return channel;
    }

    /** Event loop: the peer may still send on this stream (no FIN or reset read, no STOP_SENDING sent). */
    boolean receiveOpen() {
        return !receiveEnded && !receiveStopped && channel.isActive();
    }

    /** Event loop: we ended our send half with a FIN (not a reset). */
    boolean finishedByUs() {
        return finWritten && !resetSent;
    }

    /** Event loop, from {@link StrandedFinSweep}: the peer's FIN, which quiche holds without reporting it. */
    void deliverStrandedFin() {
        LOG.log(Level.DEBUG, () -> "stream " + streamId() + ": delivering a FIN quiche holds without reporting it");
        // Through the pipeline, as Netty's own would go: the frame decoder checks for a truncated frame first.
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownReadComplete.INSTANCE);
    }

    /** Event loop: writes {@code frame} (may be {@code null} with {@code fin}), then FIN when asked. */
    @Override
    public void writeToQuic(ByteBuf frame, boolean fin) {
        if (outputDone || !channel.isActive()) {
            ReferenceCountUtil.release(frame);
            return;
        }
        Object message;
        if (fin) {
            outputDone = true;
            message = frame == null ? QuicStreamFrame.EMPTY_FIN : new DefaultQuicStreamFrame(frame, true);
        } else {
            message = frame;
        }
        ChannelFuture future = channel.write(message);
        lastWrite = future;
        future.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                if (fin) {
                    finWritten = true;
                    connection.record(WireEvent.Type.FIN_SENT, streamId(), 0, "");
                }
            } else if (f.cause() instanceof ChannelOutputShutdownException
                    && String.valueOf(f.cause().getMessage()).contains("STOP_SENDING")) {
                stopSeenOnWrite();
            }
        });
    }

    /**
     * A write failed on STOP_SENDING, whose code Netty does not expose: the peer's STREAM_STOPPED
     * carries it (SPEC.md §4.1: wait for it). A peer that never sends one gets CANCELLED.
     */
    private void stopSeenOnWrite() {
        ErrorCode known = connection.calls().takeStopCode(streamId());
        if (known != null) {
            peerStopped(known, null, "");
        } else if (!stopReported) {
            channel.eventLoop()
                    .schedule(
                            () -> peerStopped(ErrorCode.CANCELLED, null, ""),
                            STREAM_STOPPED_WAIT_MILLIS,
                            TimeUnit.MILLISECONDS);
        }
    }

    /** The peer stopped our send half, learned from STREAM_STOPPED or a failed write. */
    void peerStopped(ErrorCode code, StatusCode status, String statusMessage) {
        if (stopReported) {
            return;
        }
        stopReported = true;
        outputDone = true;
        connection.record(WireEvent.Type.STOP_RECEIVED, streamId(), code.value(), "");
        if (listener != null && !released) {
            listener.onStopped(code, status, statusMessage);
        }
    }

    void connectionLost(StatusCode code, String description) {
        if (listener != null && !released) {
            listener.onConnectionLost(code, description);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (listener == null || released) {
            ReferenceCountUtil.release(msg);
            return;
        }
        listener.onFrame((Frame) msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            connection.record(WireEvent.Type.FIN_RECEIVED, streamId(), 0, "");
            if (listener != null && !released) {
                listener.onFin();
            }
            receiveHalfEnded();
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable() && listener != null && !released) {
            listener.onWritable();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof QuicStreamResetException reset) {
            ErrorCode code = ErrorCode.of(reset.applicationProtocolCode());
            connection.record(WireEvent.Type.RESET_RECEIVED, streamId(), reset.applicationProtocolCode(), "");
            if (listener != null && !released) {
                listener.onReceiveAborted(code, true, "the peer reset the stream with " + code);
            }
            receiveHalfEnded();
        } else if (cause instanceof FrameException frameError) {
            if (listener != null && !released) {
                listener.onReceiveAborted(frameError.code(), false, frameError.getMessage());
            }
        } else {
            LOG.log(Level.DEBUG, () -> "stream " + streamId() + " failed", cause);
            if (listener != null && !released) {
                listener.onReceiveAborted(ErrorCode.INTERNAL, false, String.valueOf(cause.getMessage()));
            } else if (released) {
                closeAfterLastWrite(); // reading to the end failed: nothing more to wait for
            }
        }
    }

    /**
     * Runs {@code task} on the event loop after every frame queued before it: off the loop, the
     * drain task is already queued ahead of it; on the loop, the queue is drained first.
     */
    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            if (!outbound.isEmpty() && !draining) {
                drain();
            }
            task.run();
        } else {
            connection.onLoop(task);
        }
    }
}
