package io.quicidl.runtime.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a peer when its leaf certificate's public key matches a pinned SHA-256 fingerprint.
 * Extends {@link X509ExtendedTrustManager} because Netty's QUIC TLS context refuses plain ones.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
    private final Set<String> pins;

    PinningTrustManager(Set<String> pins) {
        this.pins = pins;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer presented no certificate");
        }
        String fingerprint = Fingerprints.of(chain[0]);
        if (!pins.contains(fingerprint)) {
            throw new CertificateException("pin mismatch: the peer presented public key fingerprint " + fingerprint
                    + ", the pinned " + (pins.size() == 1 ? "one is " : "ones are ") + String.join(", ", pins));
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
