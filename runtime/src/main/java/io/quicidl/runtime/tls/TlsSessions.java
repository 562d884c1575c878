package io.quicidl.runtime.tls;

import io.quicidl.runtime.transport.SharedClientTls;
import java.util.Objects;

/**
 * TLS session tickets that several clients share, so that a later client to the same server
 * resumes the TLS session and may send {@code @idempotent} calls as 0-RTT early data (SPEC.md §9).
 *
 * <p>Netty keeps the tickets in the client's TLS context, keyed by server name and port; this
 * object owns that context, built once for one trust policy and one client identity. Pass the
 * same instance to every {@code Client.Builder.sessions(...)} that should resume. A client
 * that sets a different {@link TrustPolicy} or {@link Identity} object than the one given here
 * is refused: its handshakes would be checked with other settings than the tickets were issued
 * under. Thread-safe; it holds no threads or sockets and needs no closing.
 */
public final class TlsSessions {
    private final TrustPolicy trust;
    private final Identity identity;

    private TlsSessions(TrustPolicy trust, Identity identity) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.identity = identity;
        SharedClientTls.create(this, trust, identity);
    }

    /** Shared sessions for clients that trust {@code trust} and present no certificate. */
    public static TlsSessions create(TrustPolicy trust) {
        return new TlsSessions(trust, null);
    }

    /** Shared sessions for clients that trust {@code trust} and present {@code identity} (mutual TLS). */
    public static TlsSessions create(TrustPolicy trust, Identity identity) {
        return new TlsSessions(trust, Objects.requireNonNull(identity, "identity"));
    }

    /** The trust policy every client sharing these sessions uses. */
    public TrustPolicy trust() {
        return trust;
    }

    /** The client identity every client sharing these sessions presents, or null for none. */
    public Identity identity() {
        return identity;
    }

    @Override
    public String toString() {
        return "TlsSessions[trust=" + trust + (identity == null ? "" : ", with client identity") + "]";
    }
}
