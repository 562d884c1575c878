package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicDatagramExtensionEvent;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * QUIC DATAGRAM frames (RFC 9221) of one connection, for {@code @realtime(delivery = datagram)}
 * (SPEC.md §5.9): what the peer takes, sending, and handing received ones to the server's router.
 * A handler in the QUIC channel's pipeline, just before its {@link QuicConnection}.
 */
final class DatagramLink extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(DatagramLink.class.getName());

    private final QuicConnection connection;
    /** Largest payload the peer takes; 0 until Netty reports its max_datagram_frame_size, or for none. */
    private volatile int payloadLimit;

    DatagramLink(QuicConnection connection) {
        this.connection = connection;
    }

    /** Netty tells, right after the handshake, that the peer takes datagrams of up to this length. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof QuicDatagramExtensionEvent peerTakes) {
            payloadLimit = peerTakes.maxLength();
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Netty hands received datagrams, and the peer's new streams, to the QUIC channel's pipeline. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof ByteBuf datagram) {
            received(datagram);
        } else {
            ctx.fireChannelRead(message);
        }
    }

    /**
     * The largest payload the peer takes, 0 for none. Completes on the event loop: Netty reports
     * the peer's transport parameter in the same turn as the handshake, so by then it is known.
     */
    CompletableFuture<Integer> payloadLimit() {
        CompletableFuture<Integer> limit = new CompletableFuture<>();
        try {
            connection.channel().eventLoop().execute(() -> limit.complete(payloadLimit));
        } catch (RejectedExecutionException e) {
            limit.complete(0);
        }
        return limit;
    }

    /** Sends one datagram; the QUIC stack may drop it (a full queue, loss), which is the point. */
    void send(ByteBuf payload) {
        QuicChannel channel = connection.channel();
        channel.writeAndFlush(payload).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                LOG.log(Level.DEBUG, () -> "connection " + connection.number() + ": datagram not sent", f.cause());
            }
        });
    }

    /** A datagram arrived: the server's router takes it; a client expects none and drops it. */
    private void received(ByteBuf payload) {
        CallRouter router = connection.context().router();
        if (router == null) {
            payload.release();
            return;
        }
        router.acceptDatagram(connection, payload);
    }
}
