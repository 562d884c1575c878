package io.quicidl.benchmarks.systems;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamFrame;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Client side of one call on its own bidirectional stream (read as {@link QuicStreamFrame}s): sends
 * once the stream is active, hands every received buffer to {@link #received} and completes
 * {@link #result()} on the server's FIN, on the event loop. A reset, an error or a stream that ends
 * without FIN fails it.
 */
abstract class RawQuicCall<T> extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<T> result = new CompletableFuture<>();

    /** Completes with the response once the server's FIN has been read. */
    final CompletableFuture<T> result() {
        return result;
    }

    /** Writes the request; runs on the event loop once the stream is active. */
    abstract void send(ChannelHandlerContext ctx);

    /** Takes in part of the response; {@code content} is released after this returns. */
    abstract void received(ByteBuf content);

    /** The response, once all of it has been received. */
    abstract T response();

    /** Releases what the call still holds; the stream is gone. */
    void released() {}

    /** The stream could not be opened (e.g. over the server's stream limit). */
    final void notOpened(Throwable cause) {
        result.completeExceptionally(cause);
    }

    @Override
    public final void handlerAdded(ChannelHandlerContext ctx) {
        // Frames carry the FIN flag. (Not a stream option: Netty 4.2.18 applies it but logs it as unknown.)
        ((QuicStreamChannel) ctx.channel()).config().setReadFrames(true);
    }

    @Override
    public final void channelActive(ChannelHandlerContext ctx) {
        send(ctx);
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        QuicStreamFrame frame = (QuicStreamFrame) msg;
        try {
            received(frame.content());
        } finally {
            frame.release();
        }
        if (frame.hasFin()) {
            result.complete(response());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        // Every stream ends here, most after their FIN: build the exception (a stack trace and the
        // channel's name) only for a call that is still open.
        if (!result.isDone()) {
            result.completeExceptionally(
                    new IOException("stream " + ctx.channel() + " closed before the server's FIN"));
        }
    }

    @Override
    public final void handlerRemoved(ChannelHandlerContext ctx) {
        released();
    }
}
