package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * Server, in front of the QUIC codec: ends the read batch right after a datagram that starts
 * with a client's Initial packet, so that a resuming client's 0-RTT packets are decrypted with
 * keys that exist.
 *
 * <p>Netty's QUIC codec runs BoringSSL's certificate selection as a task while it receives the
 * ClientHello, and quiche takes the handshake further (accepting early data, installing the 0-RTT
 * keys) only when the codec next sends: at the end of the read batch. Datagrams read in the same
 * batch after the Initial were decrypted before that; quiche dropped the 0-RTT ones, and the client
 * sent the call again after the handshake, one round trip late (about one resumed connection in
 * twenty at 100 ms RTT, more when the server is busy). Ending the batch there costs one extra send
 * attempt per client Initial.
 */
@Sharable
final class InitialPacketBatchEnd extends ChannelInboundHandlerAdapter {
    static final InitialPacketBatchEnd INSTANCE = new InitialPacketBatchEnd();

    private InitialPacketBatchEnd() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean initial = msg instanceof DatagramPacket packet && startsWithInitialPacket(packet.content());
        ctx.fireChannelRead(msg);
        if (initial) {
            ctx.fireChannelReadComplete();
        }
    }

    /** A long header (form bit set) of type Initial: type bits 00 in QUIC version 1 (RFC 9000 §17.2.2). */
    static boolean startsWithInitialPacket(ByteBuf datagram) {
        return datagram.isReadable() && (datagram.getUnsignedByte(datagram.readerIndex()) & 0xB0) == 0x80;
    }
}
