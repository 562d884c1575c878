package io.quicidl.benchmarks.systems;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamFrame;

/**
 * Server side of {@link RawQuicProtocol#SERVER_STREAM} on one stream: reads the request (count and
 * size as two ints, then FIN), then writes {@code count} duplicates of one shared direct buffer of
 * {@code size} bytes, the last with FIN, only while the stream is writable.
 */
final class RawQuicStreamResponder extends ChannelInboundHandlerAdapter {
    /** Count and message size, two big-endian ints. */
    static final int REQUEST_BYTES = 8;
    /** Reset code for a request that is not two non-negative ints. */
    private static final int BAD_REQUEST = 1;

    private final byte[] request = new byte[REQUEST_BYTES];
    private int requestLength;
    private ByteBuf message;
    private int remaining;
    private boolean finWritten;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        QuicStreamFrame frame = (QuicStreamFrame) msg;
        try {
            ByteBuf content = frame.content();
            if (requestLength + content.readableBytes() > REQUEST_BYTES) {
                reject(ctx);
                return;
            }
            int length = content.readableBytes();
            content.readBytes(request, requestLength, length);
            requestLength += length;
        } finally {
            frame.release();
        }
        if (frame.hasFin()) {
            respond(ctx);
        }
    }

    private void respond(ChannelHandlerContext ctx) {
        if (requestLength != REQUEST_BYTES) {
            reject(ctx);
            return;
        }
        int count = readInt(0);
        int size = readInt(4);
        if (count < 0 || size < 0) {
            reject(ctx);
            return;
        }
        remaining = count;
        message = ctx.alloc().directBuffer(size).writeZero(size);
        writeWhileWritable(ctx);
    }

    /** Resets the stream both ways: a plain close would send FIN, which reads as an empty reply. */
    private static void reject(ChannelHandlerContext ctx) {
        ((QuicStreamChannel) ctx.channel()).shutdown(BAD_REQUEST).addListener(ChannelFutureListener.CLOSE);
    }

    private int readInt(int offset) {
        return (request[offset] & 0xff) << 24
                | (request[offset + 1] & 0xff) << 16
                | (request[offset + 2] & 0xff) << 8
                | request[offset + 3] & 0xff;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (message != null && ctx.channel().isWritable()) {
            writeWhileWritable(ctx);
        }
    }

    private void writeWhileWritable(ChannelHandlerContext ctx) {
        // message turns null if a failed write closes the stream meanwhile.
        while (remaining > 0 && message != null && ctx.channel().isWritable()) {
            remaining--;
            // A duplicate per write: the stream advances the reader index of what it sends.
            ByteBuf piece = message.retainedDuplicate();
            ctx.write(remaining == 0 ? new DefaultQuicStreamFrame(piece, true) : piece, ctx.voidPromise());
            finWritten = remaining == 0;
        }
        if (remaining == 0 && !finWritten) {
            // count == 0: an empty reply.
            ctx.write(QuicStreamFrame.EMPTY_FIN, ctx.voidPromise());
            finWritten = true;
        }
        ctx.flush();
        if (finWritten) {
            releaseMessage();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseMessage();
    }

    private void releaseMessage() {
        if (message != null) {
            message.release();
            message = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
