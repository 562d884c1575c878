package io.quicidl.runtime;

import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a server handler knows about its call, and how it sets response metadata. Thread-safe.
 */
public interface ServerCallContext {
    /** The method being called. */
    MethodDescriptor<?, ?> method();

    /** Metadata from the client's CALL frame. */
    Metadata requestMetadata();

    /** The call's deadline on this host's clock, if the client set one (SPEC.md §7.2). */
    Optional<Instant> deadline();

    /** The client's address. */
    SocketAddress peerAddress();

    /** The client's certificate chain under mutual TLS; empty otherwise. */
    List<Certificate> peerCertificates();

    /**
     * Whether the call is over for the client: it cancelled, the deadline passed, or the
     * connection was lost. The handler should stop; its result will be discarded.
     */
    boolean isCancelled();

    /**
     * Runs {@code listener} once when the call is cancelled (at once, when it already is). It
     * runs on the handler executor, never on an event loop.
     */
    void onCancel(Runnable listener);

    /**
     * Sets response metadata, sent as a HEADERS frame before the first response frame. Has no
     * effect once the first response frame was sent.
     */
    void setResponseHeaders(Metadata headers);

    /** Sets trailing metadata, sent in the STATUS frame that ends the call. */
    void setTrailers(Metadata trailers);
}
