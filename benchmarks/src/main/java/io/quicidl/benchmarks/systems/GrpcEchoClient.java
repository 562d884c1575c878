package io.quicidl.benchmarks.systems;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.quicidl.benchmarks.proto.Chunk;
import io.quicidl.benchmarks.proto.Payload;
import io.quicidl.benchmarks.proto.StreamRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * An {@link EchoClient} over one gRPC channel (one HTTP/2 connection). Blocking unary calls use
 * gRPC's blocking stub path; everything else is asynchronous with a future the caller waits on, so
 * no call needs a thread of its own.
 */
final class GrpcEchoClient implements EchoClient {
    private final ManagedChannel channel;

    GrpcEchoClient(ManagedChannel channel) {
        this.channel = channel;
    }

    @Override
    public byte[] unary(byte[] request) {
        return ClientCalls.blockingUnaryCall(channel, GrpcBenchMethods.ECHO, CallOptions.DEFAULT, payload(request))
                .getData()
                .toByteArray();
    }

    @Override
    public CompletableFuture<byte[]> unaryAsync(byte[] request) {
        CompletableFuture<byte[]> response = new CompletableFuture<>();
        unaryThen(request, (echoed, error) -> {
            if (error != null) {
                response.completeExceptionally(error);
            } else {
                response.complete(echoed);
            }
        });
        return response;
    }

    /**
     * gRPC's own asynchronous unary call; {@code done} runs in its observer, on the event loop with
     * {@code directExecutor()}, on gRPC's executor otherwise.
     */
    @Override
    public void unaryThen(byte[] request, BiConsumer<byte[], Throwable> done) {
        ClientCalls.asyncUnaryCall(
                channel.newCall(GrpcBenchMethods.ECHO, CallOptions.DEFAULT),
                payload(request),
                new StreamObserver<Payload>() {
                    // The observer's callbacks are serialized; a failing status after the response
                    // must not report the call a second time.
                    private boolean reported;

                    @Override
                    public void onNext(Payload echoed) {
                        reported = true;
                        done.accept(echoed.getData().toByteArray(), null);
                    }

                    @Override
                    public void onError(Throwable cause) {
                        if (!reported) {
                            reported = true;
                            done.accept(null, cause);
                        }
                    }

                    @Override
                    public void onCompleted() {
                        if (!reported) {
                            reported = true;
                            done.accept(null, new IllegalStateException("the call ended without a response"));
                        }
                    }
                });
    }

    @Override
    public long serverStream(int count, int messageBytes) throws Exception {
        ClientCall<StreamRequest, Chunk> call = channel.newCall(GrpcBenchMethods.DOWNLOAD, CallOptions.DEFAULT);
        CompletableFuture<Long> receivedBytes = new CompletableFuture<>();
        // Counting in the callback; gRPC asks for the next message only after each one is handled.
        ClientCalls.asyncServerStreamingCall(
                call,
                StreamRequest.newBuilder()
                        .setCount(count)
                        .setMessageBytes(messageBytes)
                        .build(),
                new StreamObserver<Chunk>() {
                    private long received;

                    @Override
                    public void onNext(Chunk chunk) {
                        received += chunk.getData().size();
                    }

                    @Override
                    public void onError(Throwable cause) {
                        receivedBytes.completeExceptionally(cause);
                    }

                    @Override
                    public void onCompleted() {
                        receivedBytes.complete(received);
                    }
                });
        try {
            return await(receivedBytes);
        } catch (InterruptedException e) {
            call.cancel("server stream abandoned", e);
            throw e;
        }
    }

    @Override
    public long duplexEcho(long totalBytes, int chunkBytes) throws Exception {
        GrpcDuplexEcho echo = new GrpcDuplexEcho(totalBytes, chunkBytes);
        ClientCalls.asyncBidiStreamingCall(channel.newCall(GrpcBenchMethods.ECHO_STREAM, CallOptions.DEFAULT), echo);
        try {
            return await(echo.echoedBytes());
        } catch (InterruptedException e) {
            echo.cancel(e);
            throw e;
        }
    }

    private static <T> T await(CompletableFuture<T> result) throws Exception {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static Payload payload(byte[] data) {
        return Payload.newBuilder().setData(ByteString.copyFrom(data)).build();
    }

    /** Shuts the channel down, giving calls in flight a moment to finish. */
    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
