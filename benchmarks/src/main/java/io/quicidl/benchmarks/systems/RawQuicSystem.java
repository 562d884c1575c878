package io.quicidl.benchmarks.systems;

/**
 * Raw Netty QUIC stream code with no framing at all, the limit of this stack: each call is one
 * bidirectional stream whose bytes are the payload and whose FIN ends the message. As no byte says
 * what a stream is for, the ALPN protocol does ({@link RawQuicProtocol}): a client holds one
 * connection for echo calls (unary, duplex) and one for server streaming, on one event loop thread.
 * Two setups: Netty's defaults and the tuned transport quicidl uses.
 */
public final class RawQuicSystem implements EchoSystem {
    private static final int MIB = 1 << 20;
    /** Far more than the 64 calls in flight the throughput measure needs; quiche reissues credit as streams end. */
    private static final long MAX_BIDI_STREAMS = 1000;

    private final String name;
    private final RawQuicSetup setup;

    private RawQuicSystem(String name, RawQuicSetup setup) {
        this.name = name;
        this.setup = setup;
    }

    /**
     * NIO datagram channels and Netty's defaults (one datagram per send, kernel socket buffers,
     * quiche's 1200-byte send payloads) plus what QUIC needs to move data at all, whose defaults
     * are zero: 2 MiB stream and 16 MiB connection windows (quicidl's defaults) and 1000 streams.
     */
    public static RawQuicSystem defaults() {
        return new RawQuicSystem(
                "raw Netty QUIC (default)", new RawQuicSetup(false, 0, 0, 0, 2L * MIB, 16L * MIB, MAX_BIDI_STREAMS, 0));
    }

    /**
     * Epoll with UDP GSO (16 datagrams per send) and {@code recvmmsg} (16 datagrams per read), 1452-byte
     * UDP payloads, 4 MiB socket buffers, 8 MiB stream and 32 MiB connection windows and 1000 streams.
     */
    public static RawQuicSystem tuned() {
        return new RawQuicSystem(
                "raw Netty QUIC (tuned)",
                new RawQuicSetup(true, 16, 1452, 4 * MIB, 8L * MIB, 32L * MIB, MAX_BIDI_STREAMS, 16));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public Endpoint start() throws InterruptedException {
        return RawQuicEndpoint.start(setup);
    }
}
