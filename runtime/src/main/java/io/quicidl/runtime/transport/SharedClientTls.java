package io.quicidl.runtime.transport;

import io.netty.handler.codec.quic.QuicSslContext;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TlsSessions;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The client TLS context each {@link TlsSessions} shares among its clients (Netty keeps the
 * session tickets in it). Kept here, keyed by the sessions object, so that no Netty type shows
 * in the public tls API.
 */
public final class SharedClientTls {
    /** Weak keys: a context lives as long as its sessions object. */
    private static final Map<TlsSessions, QuicSslContext> CONTEXTS = Collections.synchronizedMap(new WeakHashMap<>());

    private SharedClientTls() {}

    /** Builds the shared context of {@code sessions}; called once, as it is made. */
    public static void create(TlsSessions sessions, TrustPolicy trust, Identity identity) {
        CONTEXTS.put(sessions, QuicEndpoints.clientTls(trust, identity, true));
    }

    /**
     * The shared context of {@code sessions}, checked against a client's own settings.
     *
     * @param clientTrust the trust policy the client set, or null when it set none
     * @param clientIdentity the identity the client set, or null when it set none
     * @throws IllegalArgumentException when the client's settings are not those of {@code sessions}
     */
    public static QuicSslContext contextFor(TlsSessions sessions, TrustPolicy clientTrust, Identity clientIdentity) {
        if (clientTrust != null && clientTrust != sessions.trust()) {
            throw new IllegalArgumentException("these TlsSessions were made for trust '" + sessions.trust() + "', not '"
                    + clientTrust + "': use one TlsSessions per trust policy and identity");
        }
        if (clientIdentity != null && clientIdentity != sessions.identity()) {
            throw new IllegalArgumentException("these TlsSessions were made for "
                    + (sessions.identity() == null ? "no client identity" : "another client identity")
                    + ": use one TlsSessions per trust policy and identity");
        }
        return CONTEXTS.get(sessions);
    }
}
