package io.quicidl.runtime.transport;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client's trust policy that keeps why it refused a server's certificate, per handshake:
 * quiche reports only {@code CERTIFICATE_VERIFY_FAILED}, so a failed connect looks its reason
 * up here by the connection's {@link SSLEngine} (Netty passes that engine to the trust manager).
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {
    /** Weak keys: a reason lives as long as its connection's engine. */
    private static final Map<SSLEngine, Refusal> REFUSALS = Collections.synchronizedMap(new WeakHashMap<>());

    private final X509ExtendedTrustManager policy;

    RecordingTrustManager(X509ExtendedTrustManager policy) {
        this.policy = policy;
    }

    /** What the trust policy refused and why, e.g. {@code CN=localhost} and "pin mismatch: …". */
    record Refusal(String subject, String reason) {}

    /** Why the handshake of {@code engine} refused the server's certificate, or null. */
    static Refusal refusal(SSLEngine engine) {
        return engine == null ? null : REFUSALS.get(engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            policy.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            REFUSALS.put(engine, describe(chain, e));
            throw e;
        }
    }

    private static Refusal describe(X509Certificate[] chain, CertificateException refusal) {
        String subject = chain == null || chain.length == 0
                ? "none"
                : chain[0].getSubjectX500Principal().getName();
        return new Refusal(subject, refusal.getMessage());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        policy.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        policy.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        policy.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        policy.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        policy.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return policy.getAcceptedIssuers();
    }
}
