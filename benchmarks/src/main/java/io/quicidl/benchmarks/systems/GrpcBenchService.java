package io.quicidl.benchmarks.systems;

import com.google.protobuf.ByteString;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.quicidl.benchmarks.proto.Chunk;
import io.quicidl.benchmarks.proto.Payload;
import io.quicidl.benchmarks.proto.StreamRequest;

/**
 * The gRPC server of the benchmarks, doing what {@link BenchService} does for quicidl. The streaming
 * methods send only while the transport is ready, so a long stream never piles up in the heap and
 * never blocks a thread (with {@code directExecutor} that thread is the event loop).
 */
final class GrpcBenchService {
    private GrpcBenchService() {}

    /** The service to add to a gRPC server. */
    static ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(GrpcBenchMethods.SERVICE)
                .addMethod(GrpcBenchMethods.ECHO, ServerCalls.asyncUnaryCall(GrpcBenchService::echo))
                .addMethod(GrpcBenchMethods.DOWNLOAD, ServerCalls.asyncServerStreamingCall(GrpcBenchService::download))
                .addMethod(GrpcBenchMethods.ECHO_STREAM, ServerCalls.asyncBidiStreamingCall(EchoStream::new))
                .build();
    }

    private static void echo(Payload request, StreamObserver<Payload> response) {
        response.onNext(request);
        response.onCompleted();
    }

    private static void download(StreamRequest request, StreamObserver<Chunk> responses) {
        new Download(request, (ServerCallStreamObserver<Chunk>) responses);
    }

    /** Sends {@code count} chunks of one shared buffer, as many at a time as the transport takes. */
    private static final class Download implements Runnable {
        private final ServerCallStreamObserver<Chunk> responses;
        private final ByteString data;
        private final int count;
        // Touched only by the call's serialized callbacks.
        private int next;
        private boolean finished;

        Download(StreamRequest request, ServerCallStreamObserver<Chunk> responses) {
            this.responses = responses;
            this.data = BenchService.chunkData(request.getMessageBytes());
            this.count = request.getCount();
            // gRPC runs this once the stream can take messages and again each time it drains.
            responses.setOnReadyHandler(this);
            responses.setOnCancelHandler(() -> finished = true);
        }

        @Override
        public void run() {
            while (!finished && responses.isReady()) {
                if (next == count) {
                    finished = true;
                    responses.onCompleted();
                } else {
                    responses.onNext(
                            Chunk.newBuilder().setIndex(next++).setData(data).build());
                }
            }
        }
    }

    /**
     * Echoes every payload. It asks for the next request only while responses can still be sent, so
     * a client that sends faster than it reads is held back by HTTP/2 flow control, not by the heap.
     */
    private static final class EchoStream implements StreamObserver<Payload>, Runnable {
        private final ServerCallStreamObserver<Payload> responses;
        // Touched only by the call's serialized callbacks.
        private boolean waitingForReady = true;

        EchoStream(StreamObserver<Payload> responses) {
            this.responses = (ServerCallStreamObserver<Payload>) responses;
            this.responses.disableAutoRequest();
            this.responses.setOnReadyHandler(this);
            // Without a cancel handler a send after the client has gone would throw.
            this.responses.setOnCancelHandler(() -> {});
        }

        /** The transport can take responses again: resume reading. */
        @Override
        public void run() {
            if (waitingForReady && responses.isReady()) {
                waitingForReady = false;
                responses.request(1);
            }
        }

        @Override
        public void onNext(Payload payload) {
            responses.onNext(payload);
            if (responses.isReady()) {
                responses.request(1);
            } else {
                waitingForReady = true;
            }
        }

        @Override
        public void onError(Throwable cause) {
            // The client cancelled or the connection broke: nothing of ours to release.
        }

        @Override
        public void onCompleted() {
            responses.onCompleted();
        }
    }
}
