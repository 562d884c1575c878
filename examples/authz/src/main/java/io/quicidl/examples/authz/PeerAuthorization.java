package io.quicidl.examples.authz;

import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.ServerCallInfo;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.ServerInterceptor;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Authorises each call from the client's certificate: its subject's CN must be allowed the
 * method, or the call is refused with PERMISSION_DENIED before the handler runs. The CN the
 * interceptor checked travels on to the handler as request metadata {@value #PEER_KEY}, replacing
 * anything the client sent under that key, so handlers never parse certificates themselves.
 */
public final class PeerAuthorization implements ServerInterceptor {
    /** The request metadata key under which handlers find the caller's CN. */
    public static final String PEER_KEY = "x-peer-cn";

    private final Map<String, Set<String>> allowedMethods;

    /** @param allowedMethods for each client CN, the full method names it may call */
    public PeerAuthorization(Map<String, Set<String>> allowedMethods) {
        this.allowedMethods = Map.copyOf(allowedMethods);
    }

    @Override
    public ServerCallListener interceptCall(ServerCallInfo call) {
        String peer = commonName(call.context().peerCertificates());
        String method = call.method().fullName();
        if (!allowedMethods.getOrDefault(peer, Set.of()).contains(method)) {
            throw new StatusException(StatusCode.PERMISSION_DENIED, "client CN=" + peer + " may not call " + method);
        }
        Metadata.Builder metadata = Metadata.builder();
        for (Metadata.Entry entry : call.requestMetadata().entries()) {
            if (!entry.key().equals(PEER_KEY)) {
                metadata.add(entry.key(), entry.value());
            }
        }
        call.setRequestMetadata(metadata.add(PEER_KEY, peer).build());
        return ServerCallListener.NONE;
    }

    /** The CN of the client's leaf certificate; UNAUTHENTICATED without one. */
    private static String commonName(List<Certificate> chain) {
        if (chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            throw new StatusException(StatusCode.UNAUTHENTICATED, "the call needs a client certificate");
        }
        String subject = leaf.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new StatusException(StatusCode.UNAUTHENTICATED, "unreadable certificate subject " + subject);
        }
        throw new StatusException(StatusCode.UNAUTHENTICATED, "the client certificate " + subject + " has no CN");
    }
}
