package io.quicidl.benchmarks.systems;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * A raw QUIC client: one connection for echo calls (unary and duplex) and one for server
 * streaming, both on one event loop thread. Every call is one bidirectional stream; nothing
 * blocks a thread but the blocking methods' callers.
 */
final class RawQuicClient implements EchoClient {
    private final RawQuicConnection echo;
    private final RawQuicConnection serverStream;

    RawQuicClient(RawQuicConnection echo, RawQuicConnection serverStream) {
        this.echo = echo;
        this.serverStream = serverStream;
    }

    @Override
    public byte[] unary(byte[] request) throws Exception {
        return await(unaryAsync(request));
    }

    @Override
    public CompletableFuture<byte[]> unaryAsync(byte[] request) {
        return echo.start(new RawQuicUnaryCall(request));
    }

    /** {@code done} runs on the connection's event loop, where a next call opens its stream without a hand-off. */
    @Override
    public void unaryThen(byte[] request, BiConsumer<byte[], Throwable> done) {
        echo.start(new RawQuicUnaryCall(request)).whenComplete(done);
    }

    @Override
    public long serverStream(int count, int messageBytes) throws Exception {
        return await(serverStream.start(new RawQuicDownloadCall(count, messageBytes)));
    }

    @Override
    public long duplexEcho(long totalBytes, int chunkBytes) throws Exception {
        return await(echo.start(new RawQuicDuplexCall(totalBytes, chunkBytes)));
    }

    /** Waits for {@code call}; a failure is rethrown as itself rather than wrapped. */
    private static <T> T await(CompletableFuture<T> call) throws Exception {
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            echo.close();
        } finally {
            serverStream.close();
        }
    }
}
