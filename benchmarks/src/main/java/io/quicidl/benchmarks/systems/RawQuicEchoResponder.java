package io.quicidl.benchmarks.systems;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Server side of {@link RawQuicProtocol#ECHO} on one stream: writes every frame back as it was
 * read, FIN included, so a unary request comes back whole and a duplex stream is echoed while it
 * flows. Reading pauses while the echo is blocked by flow control, so nothing piles up in memory.
 * Stateless, so one instance serves every stream: a stream's set-up allocates no handler.
 */
@Sharable
final class RawQuicEchoResponder extends ChannelInboundHandlerAdapter {
    static final RawQuicEchoResponder INSTANCE = new RawQuicEchoResponder();

    private RawQuicEchoResponder() {}

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
