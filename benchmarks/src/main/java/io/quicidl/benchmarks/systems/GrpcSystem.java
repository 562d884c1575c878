package io.quicidl.benchmarks.systems;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.quicidl.runtime.tls.Identity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * gRPC-java (grpc-netty-shaded) as the peer of quicidl: the same message shapes from
 * {@code bench.proto}, TLS with a self-signed certificate for "localhost" that clients trust
 * explicitly, server and clients on 127.0.0.1. Two setups: {@link #fastest()} and {@link #defaults()}.
 */
public final class GrpcSystem implements EchoSystem {
    private static final String SERVER_NAME = "localhost";
    private static final Identity IDENTITY = Identity.selfSigned(SERVER_NAME);

    private final String name;
    private final Supplier<GrpcTransport> transports;

    private GrpcSystem(String name, Supplier<GrpcTransport> transports) {
        this.name = name;
        this.transports = transports;
    }

    /** gRPC's fastest setup: epoll event loops and {@code directExecutor} on both sides. */
    public static GrpcSystem fastest() {
        return new GrpcSystem("gRPC-java (fastest)", GrpcTransport::epollDirect);
    }

    /** What the Netty builders choose when told nothing but the address and TLS. */
    public static GrpcSystem defaults() {
        return new GrpcSystem("gRPC-java (default)", GrpcTransport::defaults);
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
    public Endpoint start() throws IOException {
        GrpcTransport transport = transports.get();
        try {
            SslContext serverTls = GrpcSslContexts.configure(
                            SslContextBuilder.forServer(IDENTITY.privateKey(), IDENTITY.certificateChain()))
                    .build();
            // Clients trust exactly this certificate, as quicidl's clients pin it.
            SslContext clientTls = GrpcSslContexts.forClient()
                    .trustManager(IDENTITY.certificateChain())
                    .build();
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .sslContext(serverTls)
                    .addService(GrpcBenchService.definition());
            transport.configure(builder);
            return new GrpcEndpoint(builder.build().start(), transport, clientTls);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** A running gRPC server and the transport its clients share. */
    private static final class GrpcEndpoint implements Endpoint {
        private final Server server;
        private final GrpcTransport transport;
        private final SslContext clientTls;

        GrpcEndpoint(Server server, GrpcTransport transport, SslContext clientTls) {
            this.server = server;
            this.transport = transport;
            this.clientTls = clientTls;
        }

        @Override
        public EchoClient connect() {
            NettyChannelBuilder builder = NettyChannelBuilder.forAddress(
                            (InetSocketAddress) server.getListenSockets().get(0))
                    // The certificate names "localhost"; the socket stays on 127.0.0.1.
                    .overrideAuthority(SERVER_NAME)
                    .sslContext(clientTls);
            transport.configure(builder);
            GrpcEchoClient client = new GrpcEchoClient(builder.build());
            try {
                // gRPC connects lazily; one call opens the connection (and checks TLS) before any measuring.
                client.unary(new byte[0]);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
            return client;
        }

        @Override
        public void close() {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            } finally {
                transport.close();
            }
        }
    }
}
