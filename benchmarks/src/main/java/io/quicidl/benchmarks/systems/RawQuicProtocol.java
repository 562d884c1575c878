package io.quicidl.benchmarks.systems;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.Arrays;

/**
 * What the server does with a stream. With no framing the stream's bytes cannot say it, so each
 * behaviour is its own ALPN protocol and a client opens one connection per protocol it uses.
 */
enum RawQuicProtocol {
    /** Every byte read is written back; the request's FIN is echoed too (unary and duplex echo). */
    ECHO("raw-bench-echo"),
    /** The request is two ints (count, bytes); the reply is {@code count} writes of {@code bytes} bytes. */
    SERVER_STREAM("raw-bench-stream");

    private static final AttributeKey<RawQuicProtocol> NEGOTIATED = AttributeKey.valueOf("raw-bench-protocol");

    private final String alpn;

    RawQuicProtocol(String alpn) {
        this.alpn = alpn;
    }

    /** The ALPN protocol id. */
    String alpn() {
        return alpn;
    }

    /** Every protocol's ALPN id, for the server's TLS context. */
    static String[] allAlpns() {
        return Arrays.stream(values()).map(RawQuicProtocol::alpn).toArray(String[]::new);
    }

    /**
     * The protocol the handshake of {@code connection} agreed on; looked up once per connection and
     * then kept on it, since every stream of the connection asks.
     */
    static RawQuicProtocol of(QuicChannel connection) {
        Attribute<RawQuicProtocol> kept = connection.attr(NEGOTIATED);
        RawQuicProtocol protocol = kept.get();
        if (protocol == null) {
            protocol = byAlpn(connection.sslEngine().getApplicationProtocol());
            kept.set(protocol);
        }
        return protocol;
    }

    private static RawQuicProtocol byAlpn(String negotiated) {
        for (RawQuicProtocol protocol : values()) {
            if (protocol.alpn.equals(negotiated)) {
                return protocol;
            }
        }
        throw new IllegalStateException("unexpected ALPN protocol " + negotiated);
    }

    /** The server handler for one stream of this protocol (the echo's is shared by every stream). */
    ChannelHandler newResponder() {
        return this == ECHO ? RawQuicEchoResponder.INSTANCE : new RawQuicStreamResponder();
    }
}
