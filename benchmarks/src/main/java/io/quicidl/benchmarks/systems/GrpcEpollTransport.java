package io.quicidl.benchmarks.systems;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * gRPC's fastest setup: native epoll event loops (shaded Netty's; {@code MultiThreadIoEventLoopGroup}
 * with {@code EpollIoHandler} is Netty 4.2's spelling of the deprecated {@code EpollEventLoopGroup})
 * and {@code directExecutor} on server and channel, so callbacks run on the event loop without a
 * hand-off. One acceptor thread; server and client workers default to Netty's two per core.
 */
final class GrpcEpollTransport implements GrpcTransport {
    private final EventLoopGroup boss;
    private final EventLoopGroup serverWorkers;
    private final EventLoopGroup clientWorkers;

    GrpcEpollTransport() {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("gRPC's shaded native epoll is not available", Epoll.unavailabilityCause());
        }
        boss = group(1, "grpc-epoll-boss");
        serverWorkers = group(0, "grpc-epoll-server");
        clientWorkers = group(0, "grpc-epoll-client");
    }

    private static EventLoopGroup group(int threads, String name) {
        // Daemon threads: a measure that forgets to close cannot keep the JVM alive.
        return new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory(name, true), EpollIoHandler.newFactory());
    }

    @Override
    public void configure(NettyServerBuilder server) {
        server.bossEventLoopGroup(boss)
                .workerEventLoopGroup(serverWorkers)
                .channelType(EpollServerSocketChannel.class)
                .directExecutor();
    }

    @Override
    public void configure(NettyChannelBuilder channel) {
        channel.eventLoopGroup(clientWorkers)
                .channelType(EpollSocketChannel.class)
                .directExecutor();
    }

    @Override
    public void close() {
        List<EventLoopGroup> groups = List.of(clientWorkers, serverWorkers, boss);
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        for (EventLoopGroup group : groups) {
            group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
