package io.quicidl.benchmarks.systems;

import com.google.protobuf.ByteString;
import io.quicidl.benchmarks.quicidl.BenchServer;
import io.quicidl.benchmarks.quicidl.Chunk;
import io.quicidl.benchmarks.quicidl.Frame;
import io.quicidl.benchmarks.quicidl.FrameAck;
import io.quicidl.benchmarks.quicidl.Payload;
import io.quicidl.benchmarks.quicidl.StreamRequest;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.UnorderedSink;
import java.util.function.Consumer;

/**
 * The quicidl server of every measure: echoes, streams chunks of one shared buffer, and hands
 * received frames to a listener (the realtime measure's clock).
 */
public final class BenchService implements BenchServer {
    private final Consumer<Frame> frameListener;

    public BenchService(Consumer<Frame> frameListener) {
        this.frameListener = frameListener;
    }

    /** A chunk payload of {@code bytes} bytes; chunks share it, as the peers share theirs. */
    public static ByteString chunkData(int bytes) {
        return ByteString.copyFrom(new byte[bytes]);
    }

    @Override
    public Payload echo(Payload request, ServerCallContext context) {
        return request;
    }

    @Override
    public void download(StreamRequest request, ResponseSink<Chunk> responses, ServerCallContext context) {
        ByteString data = chunkData(request.messageBytes());
        for (int i = 0; i < request.count(); i++) {
            responses.send(Chunk.newBuilder().index(i).data(data).build());
        }
    }

    @Override
    public void scatter(StreamRequest request, UnorderedSink<Chunk> responses, ServerCallContext context) {
        ByteString data = chunkData(request.messageBytes());
        for (int i = 0; i < request.count(); i++) {
            responses.send(i, Chunk.newBuilder().index(i).data(data).build());
        }
    }

    @Override
    public void echoStream(
            RequestStream<Payload> requests, ResponseSink<Payload> responses, ServerCallContext context) {
        for (Payload payload : requests) {
            responses.send(payload);
        }
    }

    @Override
    public void frames(RequestStream<Frame> requests, ServerCallContext context) {
        for (Frame frame : requests) {
            frameListener.accept(frame);
        }
    }

    @Override
    public void framesDatagram(RequestStream<Frame> requests, ServerCallContext context) {
        frames(requests, context);
    }

    @Override
    public void framesOrdered(
            RequestStream<Frame> requests, ResponseSink<FrameAck> responses, ServerCallContext context) {
        for (Frame frame : requests) {
            frameListener.accept(frame);
            responses.send(FrameAck.newBuilder().sequence(frame.sequence()).build());
        }
    }
}
