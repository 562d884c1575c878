package io.quicidl.runtime.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamPriority;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameDecoder;
import io.quicidl.runtime.wire.FrameException;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.ResponseHeaderFrame;
import io.quicidl.runtime.wire.SettingsFrame;
import io.quicidl.runtime.wire.StatusFrame;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a stream the peer opened is, from its first frame (SPEC.md §1, §6.1): the peer's
 * control stream (SETTINGS), a call stream (CALL, server side) or an {@code @unordered} response
 * stream (RESPONSE_HEADER, client side). Then it replaces itself with the handler for that kind:
 * {@link ControlStreamReader}, or a {@link NettyStreamPort} whose listener the {@link CallRouter}
 * (calls) or the {@link UnorderedResponseHandler} (responses) gives. A stream that cannot be served
 * is answered with STATUS and FIN when it is a client bidi stream that broke the protocol, else
 * reset and stopped with a code (SPEC.md §5.8, §6.3 REFUSED).
 *
 * <p>One per peer stream, the last handler of its pipeline until it replaces itself: it runs on the
 * connection's event loop, where Netty delivers the stream's events.
 */
final class InboundStreamRouter extends ChannelInboundHandlerAdapter {
    /**
     * Responses of a call: RFC 9218's default urgency, sharing bandwidth with the other calls.
     * quiche's own default (127, below every urgency we set) would put them below an
     * {@code @unordered} call's response streams (urgency 4, one below this), and one such call
     * would hold back every other call of the connection until it finished.
     */
    private static final QuicStreamPriority RESPONSE_PRIORITY = new QuicStreamPriority(3, true);

    private static final System.Logger LOG = System.getLogger(InboundStreamRouter.class.getName());
    private final QuicConnection connection;
    /** A call held until the handshake completes (SPEC.md §9): its CALL, then what came after it. */
    private CallFrame heldCall;

    private final List<Object> heldInput = new ArrayList<>();

    InboundStreamRouter(QuicConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Streams start with autoRead off (reads are on demand): ask for the first frame.
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (heldCall != null) {
            heldInput.add(msg);
            ctx.read();
            return;
        }
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        Frame frame = (Frame) msg;
        try {
            route(ctx, stream, frame);
        } catch (FrameException e) {
            refuse(stream, e.code(), e.getMessage());
        } finally {
            frame.release();
        }
    }

    private void route(ChannelHandlerContext ctx, QuicStreamChannel stream, Frame frame) {
        boolean bidi = stream.type() == QuicStreamType.BIDIRECTIONAL;
        FrameType type = frame.type();
        if (type == FrameType.SETTINGS && !bidi) {
            connection.control().acceptPeer(ctx, SettingsFrame.decode(frame.content()));
            return;
        }
        if (type == FrameType.CALL && !connection.isClient()) {
            CallFrame call = CallFrame.decode(frame.content());
            if (!connection.handshakeState().isDone()
                    && !connection.context().router().mayRunBeforeHandshake(call.method())) {
                // Possibly 0-RTT data, replayable by an attacker: only @idempotent methods run now.
                heldCall = call;
                connection.record(
                        WireEvent.Type.STREAM_OPENED,
                        stream.streamId(),
                        0,
                        "held until the handshake completes: CALL " + call.method());
                connection.handshakeState().afterHandshake(() -> releaseHeld(ctx, stream));
                // Read the request to its end meanwhile (flow control bounds it): once accepted,
                // the call reads on demand, and a read outside Netty's read loop would deliver
                // frames before the call's listener is in place.
                ctx.read();
                return;
            }
            acceptCall(ctx, stream, call);
            return;
        }
        if (type == FrameType.RESPONSE_HEADER && connection.isClient() && !bidi) {
            ResponseHeaderFrame header = ResponseHeaderFrame.decode(frame.content());
            UnorderedResponseHandler handler = connection.calls().unorderedHandler(header.callStreamId());
            if (handler == null) {
                refuse(stream, ErrorCode.CANCELLED, "no running call for control stream " + header.callStreamId());
                return;
            }
            NettyStreamPort port = new NettyStreamPort(connection, stream, null);
            ctx.pipeline().replace(this, "port", port);
            connection
                    .calls()
                    .accepted(port, "RESPONSE_HEADER call " + header.callStreamId() + " index " + header.index());
            port.listener(handler.acceptResponse(port, header));
            return;
        }
        throw new FrameException(
                ErrorCode.PROTOCOL_ERROR,
                "a " + (bidi ? "bidirectional" : "unidirectional") + " stream opened by the "
                        + (connection.isClient() ? "server" : "client") + " may not start with " + type);
    }

    private void acceptCall(ChannelHandlerContext ctx, QuicStreamChannel stream, CallFrame call) {
        if (connection.closer().refusesPeerStream(stream.streamId())) {
            refuse(stream, ErrorCode.REFUSED, "the server is shutting down");
            return;
        }
        NettyStreamPort port = new NettyStreamPort(connection, stream, null);
        ctx.pipeline().replace(this, "port", port);
        if (port.isBidirectional()) {
            stream.updatePriority(RESPONSE_PRIORITY);
        }
        connection
                .calls()
                .accepted(
                        port,
                        "CALL " + call.method()
                                + (connection.handshakeState().isDone() ? "" : " (before the handshake completed)"));
        StreamListener listener;
        connection.resetGuard().accepted(port.streamId());
        try {
            listener = connection.context().router().acceptCall(port, call);
        } catch (RuntimeException e) {
            // A bug in starting the call must not leave the client without an answer.
            LOG.log(Level.WARNING, () -> "cannot start the call on stream " + stream.streamId(), e);
            String why = "the server could not start the call";
            if (port.isBidirectional()) {
                // SPEC.md §5.1: STATUS and FIN, then the request half is not needed any more.
                port.writeAndFinish(Frames.encode(stream.alloc(), StatusFrame.of(StatusCode.INTERNAL, why)));
                port.stop(ErrorCode.NO_ERROR, null, "");
            } else {
                port.stop(ErrorCode.FAILED, StatusCode.INTERNAL, why); // SPEC.md §5.5
            }
            port.release();
            return;
        }
        port.listener(connection.resetGuard().watch(port.streamId(), listener));
    }

    /** The handshake completed: accept the held call, then hand it what arrived meanwhile. */
    private void releaseHeld(ChannelHandlerContext ctx, QuicStreamChannel stream) {
        CallFrame call = heldCall;
        if (call == null || ctx.isRemoved()) {
            return;
        }
        heldCall = null;
        List<Object> input = List.copyOf(heldInput);
        heldInput.clear();
        if (!stream.isOpen()) {
            input.forEach(ReferenceCountUtil::release);
            return;
        }
        ChannelHandlerContext decoder = ctx.pipeline().context(FrameDecoder.class);
        acceptCall(ctx, stream, call);
        for (Object held : input) {
            if (held instanceof Frame) {
                decoder.fireChannelRead(held);
            } else {
                decoder.fireUserEventTriggered(held);
            }
        }
    }

    private void releaseHeldInput() {
        heldCall = null;
        heldInput.forEach(ReferenceCountUtil::release);
        heldInput.clear();
    }

    /**
     * Ends a peer stream that cannot be served, with {@code code}. A client bidi stream still has
     * a response half the server can write: a protocol error or an oversized frame before a valid
     * CALL gets STATUS and FIN there, as after one (SPEC.md §5.8). Any other stream is reset (if
     * we may write) and stopped. The request half is stopped unless it already ended.
     */
    private void refuse(QuicStreamChannel stream, ErrorCode code, String why) {
        refuse(stream, code, why, false);
    }

    private void refuse(QuicStreamChannel stream, ErrorCode code, String why, boolean finReceived) {
        LOG.log(Level.DEBUG, () -> "refusing stream " + stream.streamId() + ": " + why);
        NettyStreamPort port = new NettyStreamPort(connection, stream, null);
        stream.pipeline().replace(this, "port", port);
        if (finReceived) {
            port.receiveAlreadyEnded();
        }
        StatusCode status = answerableStatus(stream, code);
        if (status != null) {
            port.writeAndFinish(Frames.encode(stream.alloc(), StatusFrame.of(status, why)));
        } else if (stream.type() == QuicStreamType.BIDIRECTIONAL) {
            port.reset(code);
        }
        port.stop(code, null, "");
        port.release();
    }

    /** The STATUS a server answers a broken client bidi stream with (SPEC.md §5.8); {@code null} to reset instead. */
    private StatusCode answerableStatus(QuicStreamChannel stream, ErrorCode code) {
        if (connection.isClient() || stream.type() != QuicStreamType.BIDIRECTIONAL) {
            return null;
        }
        return switch (code) {
            case PROTOCOL_ERROR -> StatusCode.INTERNAL;
            case RESOURCE_EXHAUSTED -> StatusCode.RESOURCE_EXHAUSTED;
            // REFUSED (SPEC.md §6.3) and anything else: reset and stop.
            default -> null;
        };
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (heldCall != null) {
            heldInput.add(event);
            return;
        }
        ReferenceCountUtil.release(event);
        if (event instanceof ChannelInputShutdownEvent) {
            // FIN before any frame: a stream must start with a frame (SPEC.md §1), and a client
            // bidi stream gets its answer; refusing also closes the stream channel.
            QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
            refuse(stream, ErrorCode.PROTOCOL_ERROR, "the stream ended before its first frame", true);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeldInput();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        releaseHeldInput();
        if (cause instanceof QuicStreamResetException reset) {
            // Reset before its first frame arrived, e.g. a stale @realtime message: nothing to serve.
            if (!connection.isClient() && reset.applicationProtocolCode() != ErrorCode.STALE.value()) {
                connection.resetGuard().resetBeforeFirstFrame();
            }
            stream.close();
            connection.streamChannelClosed(stream.streamId(), false);
        } else if (cause instanceof FrameException e) {
            refuse(stream, e.code(), e.getMessage());
        } else {
            LOG.log(Level.DEBUG, () -> "stream " + stream.streamId() + " failed before its first frame", cause);
            stream.close();
        }
    }
}
