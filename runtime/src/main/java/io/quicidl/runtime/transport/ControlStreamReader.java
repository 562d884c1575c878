package io.quicidl.runtime.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.util.ReferenceCountUtil;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameException;
import io.quicidl.runtime.wire.GoAwayFrame;
import io.quicidl.runtime.wire.PingFrame;
import io.quicidl.runtime.wire.StreamStoppedFrame;

/**
 * Reads the peer's control stream after its SETTINGS (SPEC.md §6.1) and hands each frame to the
 * part of the connection it concerns: GOAWAY and DRAINED to {@link CloseHandshake}, STREAM_STOPPED
 * to {@link CallStreams}, PING and PONG to {@link Liveness}. Any violation, and the peer finishing
 * or resetting its control stream, is a connection error. The last handler of the peer control
 * stream's pipeline, so it runs on the connection's event loop.
 */
final class ControlStreamReader extends ChannelInboundHandlerAdapter {
    private final QuicConnection connection;

    ControlStreamReader(QuicConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        try {
            switch (frame.type()) {
                case GOAWAY -> connection.closer().peerGoAway(GoAwayFrame.decode(frame.content()));
                case DRAINED -> connection.closer().peerDrained();
                case STREAM_STOPPED -> connection.calls().peerStreamStopped(StreamStoppedFrame.decode(frame.content()));
                case PING, PONG -> connection.liveness().peerPing(PingFrame.decode(frame.type(), frame.content()));
                default -> connection.closer().protocolError(frame.type() + " frame on the control stream");
            }
        } catch (FrameException e) {
            connection.closer().protocolError("control stream: " + e.getMessage());
        } finally {
            frame.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            connection.closer().protocolError("the peer finished its control stream");
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof QuicStreamResetException) {
            connection.closer().protocolError("the peer reset its control stream");
        } else if (cause instanceof FrameException e) {
            connection
                    .closer()
                    .closeWith(
                            e.code() == ErrorCode.RESOURCE_EXHAUSTED ? ErrorCode.PROTOCOL_ERROR : e.code(),
                            "control stream: " + e.getMessage());
        } else {
            connection.closer().protocolError("control stream failed: " + cause.getMessage());
        }
    }
}
