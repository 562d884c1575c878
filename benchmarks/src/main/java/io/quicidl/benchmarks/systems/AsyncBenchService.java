package io.quicidl.benchmarks.systems;

import io.quicidl.benchmarks.quicidl.BenchAsyncServer;
import io.quicidl.benchmarks.quicidl.Chunk;
import io.quicidl.benchmarks.quicidl.Frame;
import io.quicidl.benchmarks.quicidl.FrameAck;
import io.quicidl.benchmarks.quicidl.Payload;
import io.quicidl.benchmarks.quicidl.StreamRequest;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.UnorderedSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link BenchService} through the generated async server interface: the echo answers with a
 * completed stage on the event loop; the streaming methods are the blocking service's.
 */
final class AsyncBenchService implements BenchAsyncServer {
    private final BenchService blocking;

    AsyncBenchService(BenchService blocking) {
        this.blocking = blocking;
    }

    @Override
    public CompletionStage<Payload> echo(Payload request, ServerCallContext context) {
        return CompletableFuture.completedFuture(request);
    }

    @Override
    public void download(StreamRequest request, ResponseSink<Chunk> responses, ServerCallContext context) {
        blocking.download(request, responses, context);
    }

    @Override
    public void scatter(StreamRequest request, UnorderedSink<Chunk> responses, ServerCallContext context) {
        blocking.scatter(request, responses, context);
    }

    @Override
    public void echoStream(
            RequestStream<Payload> requests, ResponseSink<Payload> responses, ServerCallContext context) {
        blocking.echoStream(requests, responses, context);
    }

    @Override
    public void frames(RequestStream<Frame> requests, ServerCallContext context) {
        blocking.frames(requests, context);
    }

    @Override
    public void framesDatagram(RequestStream<Frame> requests, ServerCallContext context) {
        blocking.framesDatagram(requests, context);
    }

    @Override
    public void framesOrdered(
            RequestStream<Frame> requests, ResponseSink<FrameAck> responses, ServerCallContext context) {
        blocking.framesOrdered(requests, responses, context);
    }
}
