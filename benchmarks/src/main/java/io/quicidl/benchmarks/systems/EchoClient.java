package io.quicidl.benchmarks.systems;

import java.util.concurrent.CompletableFuture;

/** One client connection of an {@link EchoSystem}; safe to call from several threads at once. */
public interface EchoClient extends AutoCloseable {
    /** One request/response call that returns the request's bytes; blocks until the response. */
    byte[] unary(byte[] request) throws Exception;

    /** The same call without blocking. */
    CompletableFuture<byte[]> unaryAsync(byte[] request);

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
