package io.quicidl.benchmarks.systems;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The knobs of one raw Netty QUIC setup and the Netty pieces they build: event loops, datagram
 * bootstraps and QUIC transport parameters. A zero means "leave Netty's (quiche's) default".
 *
 * @param epoll native epoll datagram channels instead of NIO
 * @param gsoSegments datagrams per UDP GSO send (epoll only); 0 sends one datagram per call
 * @param udpPayloadBytes max send/receive UDP payload; 0 keeps quiche's 1200 send / 65527 receive
 * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF; 0 keeps the kernel's default
 * @param streamWindowBytes initial flow-control window of each bidirectional stream, both directions
 * @param connectionWindowBytes initial flow-control window of a connection
 * @param maxBidiStreams bidirectional streams a client may have open at once
 * @param datagramsPerRead datagrams one {@code recvmmsg} call may return (epoll only); 0 reads one
 *     datagram per system call
 */
record RawQuicSetup(
        boolean epoll,
        int gsoSegments,
        int udpPayloadBytes,
        int socketBufferBytes,
        long streamWindowBytes,
        long connectionWindowBytes,
        long maxBidiStreams,
        int datagramsPerRead) {

    /**
     * Gives up on a connection silent this long, so a lost peer fails calls instead of hanging them.
     * Long: one of a client's two connections sits idle while a measure works the other.
     */
    private static final long IDLE_TIMEOUT_SECONDS = 600;
    /** Room for one received datagram: above the 1452-byte payloads and a client's padded first Initial. */
    private static final int RECEIVE_SLOT_BYTES = 2048;

    /** A new event loop group of {@code threads} daemon threads. */
    EventLoopGroup newEventLoopGroup(String name, int threads) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
        return new MultiThreadIoEventLoopGroup(
                threads, threadFactory, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * A datagram bootstrap on {@code group} with this setup's channel type, socket buffers and
     * datagrams per read: QUIC on one event loop is bound by packets per second, and a burst of
     * small packets (a batch of calls from other threads sends one per stream) costs a system call
     * each unless {@code recvmmsg} reads them together.
     */
    // RCVBUF_ALLOCATOR is deprecated in Netty 4.2, but the epoll datagram channel still sizes its reads with it.
    @SuppressWarnings("deprecation")
    Bootstrap datagramBootstrap(EventLoopGroup group) {
        Bootstrap bootstrap =
                new Bootstrap().group(group).channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class);
        if (socketBufferBytes > 0) {
            bootstrap
                    .option(ChannelOption.SO_RCVBUF, socketBufferBytes)
                    .option(ChannelOption.SO_SNDBUF, socketBufferBytes);
        }
        if (epoll && datagramsPerRead > 0) {
            bootstrap
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, RECEIVE_SLOT_BYTES)
                    .option(
                            ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(RECEIVE_SLOT_BYTES * datagramsPerRead));
        }
        return bootstrap;
    }

    /** Packs outgoing QUIC packets into GSO sends, or sends them one by one. */
    SegmentedDatagramPacketAllocator segmentedAllocator() {
        return gsoSegments > 0
                ? EpollQuicUtils.newSegmentedAllocator(gsoSegments)
                : SegmentedDatagramPacketAllocator.NONE;
    }

    /** Applies the transport parameters both ends share. */
    <B extends QuicCodecBuilder<B>> B transportParameters(B builder) {
        builder.maxIdleTimeout(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .initialMaxData(connectionWindowBytes)
                .initialMaxStreamDataBidirectionalLocal(streamWindowBytes)
                .initialMaxStreamDataBidirectionalRemote(streamWindowBytes);
        if (udpPayloadBytes > 0) {
            builder.maxSendUdpPayloadSize(udpPayloadBytes).maxRecvUdpPayloadSize(udpPayloadBytes);
        }
        return builder;
    }
}
