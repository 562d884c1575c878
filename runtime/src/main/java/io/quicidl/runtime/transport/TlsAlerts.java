package io.quicidl.runtime.transport;

import io.netty.handler.codec.quic.QuicConnectionCloseEvent;

/**
 * Words for a peer's CONNECTION_CLOSE that carries a TLS alert (QUIC CRYPTO_ERROR, RFC 9001
 * §4.8): the usual reasons a handshake is refused, so that a failed connect says why.
 */
final class TlsAlerts {
    private TlsAlerts() {}

    /** "the peer refused the TLS handshake: TLS alert 42 bad_certificate (…)". */
    static String describe(QuicConnectionCloseEvent close) {
        int alert = QuicConnectionCloseEvent.extractTlsError(close.error());
        return "the peer refused the TLS handshake: TLS alert " + alert + " " + name(alert);
    }

    private static String name(int alert) {
        return switch (alert) {
            case 40 -> "handshake_failure";
            case 42 -> "bad_certificate";
            case 43 -> "unsupported_certificate";
            case 44 -> "certificate_revoked";
            case 45 -> "certificate_expired";
            case 46 -> "certificate_unknown (our certificate is not trusted)";
            case 48 -> "unknown_ca (our certificate is not trusted)";
            case 80 -> "internal_error (e.g. our certificate is not trusted)";
            case 116 -> "certificate_required (we sent no certificate)";
            case 120 -> "no_application_protocol (ALPN: the peer does not speak quicidl/1)";
            default -> "";
        };
    }
}
