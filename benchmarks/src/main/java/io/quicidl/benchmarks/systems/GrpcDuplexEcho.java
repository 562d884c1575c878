package io.quicidl.benchmarks.systems;

import com.google.protobuf.ByteString;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.quicidl.benchmarks.proto.Payload;
import java.util.concurrent.CompletableFuture;

/**
 * One duplex echo on the client side: sends {@code totalBytes} in chunks whenever the call is ready
 * and counts the bytes that come back. Sending from the ready callback (never from a loop that
 * blocks) keeps the heap bounded and the event loop free when callbacks run on it.
 */
final class GrpcDuplexEcho implements ClientResponseObserver<Payload, Payload> {
    private final long totalBytes;
    private final int chunkBytes;
    private final Payload chunk;
    private final CompletableFuture<Long> echoedBytes = new CompletableFuture<>();
    private ClientCallStreamObserver<Payload> requests;
    // Touched only by the call's serialized callbacks.
    private long sentBytes;
    private boolean halfClosed;
    private long receivedBytes;

    GrpcDuplexEcho(long totalBytes, int chunkBytes) {
        if (chunkBytes <= 0 || totalBytes < 0) {
            throw new IllegalArgumentException("chunkBytes must be positive and totalBytes not negative");
        }
        this.totalBytes = totalBytes;
        this.chunkBytes = chunkBytes;
        this.chunk = payload(chunkBytes);
    }

    /** Completes with the bytes echoed once the server ends the stream; fails with the call's error. */
    CompletableFuture<Long> echoedBytes() {
        return echoedBytes;
    }

    /** Cancels the call, e.g. when the waiting thread is interrupted. */
    void cancel(Throwable cause) {
        requests.cancel("duplex echo abandoned", cause);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Payload> requestStream) {
        requests = requestStream;
        // gRPC calls this when the stream first becomes ready and again each time it drains.
        requestStream.setOnReadyHandler(this::sendWhileReady);
    }

    private void sendWhileReady() {
        while (sentBytes < totalBytes && requests.isReady()) {
            long left = totalBytes - sentBytes;
            if (left >= chunkBytes) {
                requests.onNext(chunk);
                sentBytes += chunkBytes;
            } else {
                requests.onNext(payload((int) left));
                sentBytes += left;
            }
        }
        if (sentBytes == totalBytes && !halfClosed) {
            halfClosed = true;
            requests.onCompleted();
        }
    }

    private static Payload payload(int bytes) {
        return Payload.newBuilder()
                .setData(ByteString.copyFrom(new byte[bytes]))
                .build();
    }

    @Override
    public void onNext(Payload echoed) {
        receivedBytes += echoed.getData().size();
    }

    @Override
    public void onError(Throwable cause) {
        echoedBytes.completeExceptionally(cause);
    }

    @Override
    public void onCompleted() {
        echoedBytes.complete(receivedBytes);
    }
}
