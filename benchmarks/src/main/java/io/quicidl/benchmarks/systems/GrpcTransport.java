package io.quicidl.benchmarks.systems;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

/**
 * The event loops, socket channels and callback executor of one gRPC setup, applied to a server's and
 * its clients' builders. Closing it stops whatever event loops it made, after the server and the
 * channels are down.
 */
interface GrpcTransport extends AutoCloseable {
    void configure(NettyServerBuilder server);

    void configure(NettyChannelBuilder channel);

    @Override
    void close();

    /** The builders' own choices: gRPC's shared event loops and its cached thread pool for callbacks. */
    static GrpcTransport defaults() {
        return new GrpcTransport() {
            @Override
            public void configure(NettyServerBuilder server) {}

            @Override
            public void configure(NettyChannelBuilder channel) {}

            @Override
            public void close() {}
        };
    }

    /** Epoll event loops of our own and callbacks run on them ({@code directExecutor}) on both sides. */
    static GrpcTransport epollDirect() {
        return new GrpcEpollTransport();
    }
}
