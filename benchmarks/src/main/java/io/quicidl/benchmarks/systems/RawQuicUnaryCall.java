package io.quicidl.benchmarks.systems;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import java.util.Arrays;

/** A unary call: the request's bytes and FIN in one write; the response is every byte until the server's FIN. */
final class RawQuicUnaryCall extends RawQuicCall<byte[]> {
    private final byte[] request;
    private byte[] response = new byte[0];

    RawQuicUnaryCall(byte[] request) {
        this.request = request;
    }

    @Override
    void send(ChannelHandlerContext ctx) {
        // Direct: the stream would copy a heap buffer into a direct one anyway.
        ByteBuf buffer = ctx.alloc().directBuffer(request.length).writeBytes(request);
        ctx.writeAndFlush(new DefaultQuicStreamFrame(buffer, true), ctx.voidPromise());
    }

    @Override
    void received(ByteBuf content) {
        int start = response.length;
        response = Arrays.copyOf(response, start + content.readableBytes());
        content.readBytes(response, start, content.readableBytes());
    }

    @Override
    byte[] response() {
        return response;
    }
}
