package io.quicidl.benchmarks.systems;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** One client connection of an {@link EchoSystem}; safe to call from several threads at once. */
public interface EchoClient extends AutoCloseable {
    /** One request/response call that returns the request's bytes; blocks until the response. */
    byte[] unary(byte[] request) throws Exception;

    /** The same call without blocking. */
    CompletableFuture<byte[]> unaryAsync(byte[] request);

    /**
     * The same call, reporting through the system's own completion callback: {@code done} runs once,
     * with the response or the failure, on whichever thread the system completes calls on (an event
     * loop, gRPC's executor, quicidl's handler executor) and without a further hand-off, so that a
     * next call issued from it is issued the way that system issues calls fastest. Measure 2's
     * callback driving chains calls through this.
     */
    void unaryThen(byte[] request, BiConsumer<byte[], Throwable> done);

    /**
     * Asks the server for {@code count} messages of {@code messageBytes} each on one response stream
     * and reads them all; returns the payload bytes received.
     */
    long serverStream(int count, int messageBytes) throws Exception;

    /**
     * Sends {@code totalBytes} in {@code chunkBytes} pieces through one bidirectional stream that the
     * server echoes, reading the echo while sending; returns the bytes that came back.
     */
    long duplexEcho(long totalBytes, int chunkBytes) throws Exception;

    /** Closes the connection gracefully. */
    @Override
    void close();
}
