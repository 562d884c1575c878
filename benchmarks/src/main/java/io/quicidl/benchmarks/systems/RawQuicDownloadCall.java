package io.quicidl.benchmarks.systems;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;

/** A server-streaming call: sends count and size ({@link RawQuicStreamResponder}), counts the bytes until FIN. */
final class RawQuicDownloadCall extends RawQuicCall<Long> {
    private final int count;
    private final int messageBytes;
    private long receivedBytes;

    RawQuicDownloadCall(int count, int messageBytes) {
        this.count = count;
        this.messageBytes = messageBytes;
    }

    @Override
    void send(ChannelHandlerContext ctx) {
        ByteBuf request = ctx.alloc()
                .directBuffer(RawQuicStreamResponder.REQUEST_BYTES)
                .writeInt(count)
                .writeInt(messageBytes);
        ctx.writeAndFlush(new DefaultQuicStreamFrame(request, true), ctx.voidPromise());
    }

    @Override
    void received(ByteBuf content) {
        receivedBytes += content.readableBytes();
    }

    @Override
    Long response() {
        return receivedBytes;
    }
}
