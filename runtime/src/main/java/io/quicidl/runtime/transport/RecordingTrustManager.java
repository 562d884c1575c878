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
    private static final Map<SSLEngine, String> REFUSALS = Collections.synchronizedMap(new WeakHashMap<>());

    private final X509ExtendedTrustManager policy;

    RecordingTrustManager(X509ExtendedTrustManager policy) {
        this.policy = policy;
    }

    /** Why the handshake of {@code engine} refused the server's certificate, or null. */
    static String refusal(SSLEngine engine) {
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


    /** E.g. "the certificate of CN=localhost is not trusted: pin mismatch: …". */
    private static String describe(X509Certificate[] chain, CertificateException refusal) {
        String subject = chain == null || chain.length == 0
                ? "the server"
                : "the certificate of " + chain[0].getSubjectX500Principal().getName();
        return subject + " is not trusted: " + refusal.getMessage();
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
