package io.quicidl.runtime;

/**
 * What a client's TLS handshake turned out to be, once it has completed (SPEC.md §9).
 *
 * @param resumed the TLS session was resumed from a ticket of {@link io.quicidl.runtime.tls.TlsSessions}
 *     (BoringSSL's own answer)
 * @param earlyDataOffered the client held a ticket that allows 0-RTT, so it offered early data
 *     and {@code @idempotent} calls could start before the handshake completed
 * @param earlyDataAccepted the server took the early data: inferred as offered and resumed,
 *     because Netty does not surface BoringSSL's early-data verdict. A BoringSSL server that
 *     resumes a ticket allowing 0-RTT accepts 0-RTT unless its ALPN or QUIC settings changed.
 *     When early data is rejected, the QUIC stack resends the streams' data after the handshake
 *     as lost data: calls still complete, one round trip later.
 * @param earlyStreams how many call streams were opened before the handshake completed
 */
public record HandshakeInfo(boolean resumed, boolean earlyDataOffered, boolean earlyDataAccepted, int earlyStreams) {}
