package io.quicidl.benchmarks.systems;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;

/**
 * Server side of {@link RawQuicProtocol#ECHO} on one stream: writes every frame back as it was
 * read, FIN included, so a unary request comes back whole and a duplex stream is echoed while it
 * flows. Reading pauses while the echo is blocked by flow control, so nothing piles up in memory.
 *
 * <p>It is the server's stream handler for every stream, so that an echo stream, the one unary
 * calls open by the thousand, is set up without allocating a handler or changing its pipeline: being
 * stateless, one instance serves them all. A stream of a {@link RawQuicProtocol#SERVER_STREAM}
 * connection swaps it for that protocol's own (stateful) responder as it is added.
 */
@Sharable
final class RawQuicEchoResponder extends ChannelInboundHandlerAdapter {
    static final RawQuicEchoResponder INSTANCE = new RawQuicEchoResponder();

    private RawQuicEchoResponder() {}

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        // Frames carry the FIN flag, which the echo hands back. Set here, not as a stream option:
        // Netty 4.2.18 applies that option but then logs it as unknown.
        stream.config().setReadFrames(true);
        RawQuicProtocol protocol = RawQuicProtocol.of(stream.parent());
        if (protocol != RawQuicProtocol.ECHO) {
            ctx.pipeline().replace(this, null, protocol.newResponder());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object frame) {
        // The frame (a QuicStreamFrame, READ_FRAMES) goes back as is: same direct buffer, same FIN flag.
        ctx.write(frame, ctx.voidPromise());
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
