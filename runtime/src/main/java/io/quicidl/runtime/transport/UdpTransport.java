package io.quicidl.runtime.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The UDP socket layer under QUIC: native epoll with UDP GSO (several datagrams per send call)
 * on Linux, NIO elsewhere or when {@code -Dquicidl.transport=nio} asks for it. QUIC over one
 * event loop is bound by packets per second, so fewer system calls per packet is most of the
 * available speed (NETTY-QUIC-NOTES, speed).
 */
public enum UdpTransport {
    EPOLL,
    NIO;

    /** Datagrams handed to the kernel per GSO send. */
    private static final int GSO_SEGMENTS = 16;
    /** Socket buffers big enough that bursts on loopback are not dropped. */
    static final int SOCKET_BUFFER_BYTES = 4 << 20;
    /** Datagrams one receive system call may return. */
    private static final int DATAGRAMS_PER_READ = 16;
    /**
     * Room for one received datagram: above the largest QUIC payload either side allows
     * ({@link QuicEndpoints#MAX_RECEIVE_UDP_PAYLOAD_BYTES}) and a peer's padded first Initial.
     */
    private static final int RECEIVE_SLOT_BYTES = 2048;

    /** The transport this JVM uses. */
    public static UdpTransport current() {
        boolean nioRequested = "nio".equalsIgnoreCase(System.getProperty("quicidl.transport", ""));
        return !nioRequested && Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** A new event loop group of {@code threads} daemon threads. */
    public EventLoopGroup newEventLoopGroup(String name, int threads) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
        return this == EPOLL
                ? new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory())
                : new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
    }

    /**
     * A datagram bootstrap on {@code group} with large socket buffers; with epoll, one
     * {@code recvmmsg} call reads up to {@link #DATAGRAMS_PER_READ} datagrams.
     */
    // RCVBUF_ALLOCATOR is deprecated in Netty 4.2, but the epoll datagram channel still sizes its reads with it.
    @SuppressWarnings("deprecation")
    public Bootstrap datagramBootstrap(EventLoopGroup group) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        if (this == EPOLL) {
            bootstrap
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, RECEIVE_SLOT_BYTES)
                    .option(
                            ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(RECEIVE_SLOT_BYTES * DATAGRAMS_PER_READ));
        }
        return bootstrap;
    }

    /** How QUIC packets are batched into datagrams: GSO segments with epoll, one by one otherwise. */
    public SegmentedDatagramPacketAllocator segmentedAllocator() {
        return this == EPOLL
                ? EpollQuicUtils.newSegmentedAllocator(GSO_SEGMENTS)
                : SegmentedDatagramPacketAllocator.NONE;
    }
}
