package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamPriority;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.util.ReferenceCountUtil;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameDecoder;
import io.quicidl.runtime.wire.FrameException;
import java.util.concurrent.TimeUnit;

/**
 * A call stream over a Netty QUIC stream channel: the last handler of the stream's pipeline
 * (after the {@code FrameDecoder}) and the {@link StreamPort} the call layer drives. All state is
 * confined to the stream's event loop; public methods hop onto it.
 */
final class NettyStreamPort extends ChannelInboundHandlerAdapter implements StreamPort {
    /** How long a failed write waits for the STREAM_STOPPED that names the stop's code. */
    private static final long STREAM_STOPPED_WAIT_MILLIS = 2_000;

    private final QuicConnection connection;
    private final QuicStreamChannel channel;
    private StreamListener listener;

    private ChannelFuture lastWrite;
    private boolean outputDone;
    private boolean resetSent;
    private boolean stopReported;
    private boolean released;

    NettyStreamPort(QuicConnection connection, QuicStreamChannel channel, StreamListener listener) {
        this.connection = connection;
        this.channel = channel;
        this.listener = listener;
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
        return (channel.streamId() & 0x2) == 0;
    }

    @Override
    public CallConnection connection() {
        return connection;
    }

    @Override
    public void write(ByteBuf frame) {
        onLoop(() -> doWrite(frame, false));
    }

    @Override
    public void writeAndFinish(ByteBuf frame) {
        onLoop(() -> doWrite(frame, true));
    }

    @Override
    public void finish() {
        onLoop(() -> doWrite(null, true));
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
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
            connection.record(WireEvent.Type.STOP_SENT, streamId(), code.value(), "");
            // SPEC.md §5.1: Netty's writer hears nothing of STOP_SENDING until it writes.
            connection.sendStreamStopped(streamId(), code, status, statusMessage);
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
            // Closing skips queued writes (NETTY-QUIC-NOTES): wait until the last one is handed to QUIC.
            if (lastWrite == null || lastWrite.isDone()) {
                channel.close();
            } else {
                lastWrite.addListener(f -> channel.close());
            }
        });
    }

    private void doWrite(ByteBuf frame, boolean fin) {
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
        ErrorCode known = connection.takeStopCode(streamId());
        if (known != null) {
            peerStopped(known, null, "");
        } else if (!stopReported) {
            channel.eventLoop().schedule(() -> peerStopped(ErrorCode.CANCELLED, null, ""),
                    STREAM_STOPPED_WAIT_MILLIS, TimeUnit.MILLISECONDS);
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
        } else if (cause instanceof FrameException frameError) {
            if (listener != null && !released) {
                listener.onReceiveAborted(frameError.code(), false, frameError.getMessage());
            }
        } else {
            connection.log().debug("stream {} failed", streamId(), cause);
            if (listener != null && !released) {
                listener.onReceiveAborted(ErrorCode.INTERNAL, false, String.valueOf(cause.getMessage()));
            }
        }
    }

    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }
}
