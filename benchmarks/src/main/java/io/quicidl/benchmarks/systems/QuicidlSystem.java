package io.quicidl.benchmarks.systems;

import com.google.protobuf.ByteString;
import io.quicidl.benchmarks.quicidl.BenchAsyncClient;
import io.quicidl.benchmarks.quicidl.BenchClient;
import io.quicidl.benchmarks.quicidl.BenchServerBinding;
import io.quicidl.benchmarks.quicidl.Chunk;
import io.quicidl.benchmarks.quicidl.Payload;
import io.quicidl.benchmarks.quicidl.StreamRequest;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/** quicidl with its defaults: generated stubs of {@code bench.quic}, a self-signed server, a pinning client. */
public final class QuicidlSystem implements EchoSystem {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");
    /**
     * The raw peer's idle timeout (600 s): between a system's interleaved rounds its connection
     * sits idle while the other systems run, longer than the default 30 s on a slow run.
     */
    private static final Limits LIMITS = Limits.defaults().withIdleTimeout(Duration.ofSeconds(600));

    private final boolean asyncHandlers;

    /** quicidl's defaults, with the generated blocking server interface. */
    public QuicidlSystem() {
        this(false);
    }

    private QuicidlSystem(boolean asyncHandlers) {
        this.asyncHandlers = asyncHandlers;
    }

    /**
     * quicidl's defaults, served through the generated async server interface: the echo handler is
     * non-blocking by its signature and runs on the event loop, where gRPC needs {@code directExecutor()}.
     */
    public static QuicidlSystem asyncHandlers() {
        return new QuicidlSystem(true);
    }

    @Override
    public String name() {
        return asyncHandlers ? "quicidl (async handler)" : "quicidl";
    }

    @Override
    public Endpoint start() {
        BenchService service = new BenchService(frame -> {});
        Server server = Server.builder()
                .bind("127.0.0.1", 0)
                .identity(IDENTITY)
                .limits(LIMITS)
                .addService(
                        asyncHandlers
                                ? BenchServerBinding.bindAsync(new AsyncBenchService(service))
                                : BenchServerBinding.bind(service))
                .start();
        return new Endpoint() {
            @Override
            public EchoClient connect() {
                return new QuicidlClient(Client.builder()
                        .address(server.localAddress())
                        .serverName("localhost")
                        .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                        .limits(LIMITS)
                        .connect());
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    private static final class QuicidlClient implements EchoClient {
        private final Client client;
        private final BenchClient blocking;
        private final BenchAsyncClient async;

        QuicidlClient(Client client) {
            this.client = client;
            this.blocking = new BenchClient(client);
            this.async = new BenchAsyncClient(client);
        }

        @Override
        public byte[] unary(byte[] request) {
            return blocking.echo(Payload.newBuilder()
                            .data(ByteString.copyFrom(request))
                            .build())
                    .data()
                    .toByteArray();
        }

        @Override
        public CompletableFuture<byte[]> unaryAsync(byte[] request) {
            return async.echo(Payload.newBuilder()
                            .data(ByteString.copyFrom(request))
                            .build())
                    .thenApply(response -> response.data().toByteArray());
        }

        /** Chains through the generated async stub's future; it completes on the client's handler executor. */
        @Override
        public void unaryThen(byte[] request, BiConsumer<byte[], Throwable> done) {
            async.echo(Payload.newBuilder().data(ByteString.copyFrom(request)).build())
                    .whenComplete((response, error) ->
                            done.accept(error == null ? response.data().toByteArray() : null, error));
        }

        @Override
        public long serverStream(int count, int messageBytes) {
            long received = 0;
            try (ResponseStream<Chunk> chunks = blocking.download(StreamRequest.newBuilder()
                    .count(count)
                    .messageBytes(messageBytes)
                    .build())) {
                for (Chunk chunk : chunks) {
                    received += chunk.data().size();
                }
            }
            return received;
        }

        @Override
        public long duplexEcho(long totalBytes, int chunkBytes) throws Exception {
            Payload chunk = Payload.newBuilder()
                    .data(ByteString.copyFrom(new byte[chunkBytes]))
                    .build();
            AtomicLong received = new AtomicLong();
            try (DuplexCall<Payload, Payload> call = blocking.echoStream()) {
                Thread reader = new Thread(
                        () -> {
                            for (Payload echoed : call) {
                                received.addAndGet(echoed.data().size());
                            }
                        },
                        "duplex-echo-reader");
                reader.start();
                for (long sent = 0; sent < totalBytes; sent += chunkBytes) {
                    call.send(chunk);
                }
                call.complete();
                reader.join();
            }
            return received.get();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
