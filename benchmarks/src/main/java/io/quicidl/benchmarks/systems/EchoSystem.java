package io.quicidl.benchmarks.systems;

/**
 * One system under test for the measures every system runs (unary, streaming, duplex echo): a
 * server on loopback and clients of it, moving the same payloads as every other system.
 */
public interface EchoSystem {
    /** The column heading in the results, e.g. "gRPC-java (fastest)". */
    String name();

    /** Starts a server on 127.0.0.1 with an ephemeral port; closing the handle stops it. */
    Endpoint start() throws Exception;

    /** A running server. */
    interface Endpoint extends AutoCloseable {
        /** A new client connection to this server. */
        EchoClient connect() throws Exception;

        @Override
        void close();
    }
}
