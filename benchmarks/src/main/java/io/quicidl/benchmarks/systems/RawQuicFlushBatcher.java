package io.quicidl.benchmarks.systems;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Sits between a client's datagram channel and its QUIC codec and holds flushes back while a batch
 * of stream opens runs, so the batch leaves in one send ({@code sendmmsg} on epoll) instead of one
 * system call per stream. Netty QUIC defers its sends like this by itself only inside its read loop;
 * a task that opens streams handed over from application threads runs outside it, where every
 * stream write sends and flushes its own packet. Event loop only.
 */
final class RawQuicFlushBatcher extends ChannelOutboundHandlerAdapter {
    private ChannelHandlerContext context;
    private int holds;
    private boolean flushHeld;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    /** Starts holding flushes back; pairs with {@link #release()}. */
    void hold() {
        holds++;
    }

    /** Ends a {@link #hold()}; the last one flushes what was held back. */
    void release() {
        if (--holds == 0 && flushHeld) {
            flushHeld = false;
            context.flush();
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (holds > 0) {
            flushHeld = true;
        } else {
            ctx.flush();
        }
    }
}
