package io.quicidl.benchmarks.systems;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamFrame;

/**
 * A duplex echo call: writes {@code totalBytes} in {@code chunkBytes} slices of one shared direct
 * buffer while the stream is writable (flow control holds the rest back, not memory), the last with
 * FIN, and counts the echoed bytes until the server's FIN.
 */
final class RawQuicDuplexCall extends RawQuicCall<Long> {
    private final long totalBytes;
    private final int chunkBytes;
    private ByteBuf chunk;
    private long sentBytes;
    private boolean finWritten;
    private long receivedBytes;

    RawQuicDuplexCall(long totalBytes, int chunkBytes) {
        if (chunkBytes <= 0 || totalBytes < 0) {
            throw new IllegalArgumentException("chunkBytes must be positive and totalBytes not negative");
        }
        this.totalBytes = totalBytes;
        this.chunkBytes = chunkBytes;
    }

    @Override
    void send(ChannelHandlerContext ctx) {
        chunk = ctx.alloc().directBuffer(chunkBytes).writeZero(chunkBytes);
        writeWhileWritable(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!finWritten && ctx.channel().isWritable()) {
            writeWhileWritable(ctx);
        }
    }

    private void writeWhileWritable(ChannelHandlerContext ctx) {
        // chunk turns null if a failed write closes the stream meanwhile.
        while (sentBytes < totalBytes && chunk != null && ctx.channel().isWritable()) {
            int length = (int) Math.min(chunkBytes, totalBytes - sentBytes);
            sentBytes += length;
            // A slice per write: the stream advances the reader index of what it sends.
            ByteBuf piece = chunk.retainedSlice(0, length);
            finWritten = sentBytes == totalBytes;
            ctx.write(finWritten ? new DefaultQuicStreamFrame(piece, true) : piece, ctx.voidPromise());
        }
        if (sentBytes == totalBytes && !finWritten) {
            // totalBytes == 0: just the FIN.
            ctx.write(QuicStreamFrame.EMPTY_FIN, ctx.voidPromise());
            finWritten = true;
        }
        ctx.flush();
        if (finWritten) {
            released();
        }
    }

    @Override
    void received(ByteBuf content) {
        receivedBytes += content.readableBytes();
    }

    @Override
    Long response() {
        return receivedBytes;
    }

    @Override
    void released() {
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
    }
}
