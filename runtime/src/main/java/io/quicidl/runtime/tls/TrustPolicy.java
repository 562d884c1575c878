package io.quicidl.runtime.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which peer certificates an endpoint accepts: the JVM's default CAs, CAs from a PEM file, or
 * pinned public-key fingerprints (dev mode with {@link Identity#selfSigned}).
 */
public final class TrustPolicy {
    private final TrustManager trustManager;
    private final String description;

    private TrustPolicy(TrustManager trustManager, String description) {
        this.trustManager = trustManager;
        this.description = description;
    }

    /** The JVM's default certificate authorities. */
    public static TrustPolicy systemDefault() {
        return fromKeyStore(null, "the JVM's default CAs");
    }

    /** Certificate authorities read from a PEM file of one or more {@code CERTIFICATE} blocks. */
    public static TrustPolicy certificates(Path caPemFile) {
        List<X509Certificate> cas = Identity.readCertificates(caPemFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return fromKeyStore(store, "CAs from " + caPemFile);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException(caPemFile + ": cannot use as trusted CAs: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts exactly the peers whose leaf public key has one of these SHA-256 fingerprints (64
     * hex digits, ':' separators allowed). Names and CAs are not checked: the pin is the trust.
     */
    public static TrustPolicy pinned(String... sha256Fingerprints) {
        Set<String> pins = java.util.Arrays.stream(sha256Fingerprints)
                .map(Fingerprints::normalize)
                .collect(Collectors.toUnmodifiableSet());
        if (pins.isEmpty()) {
            throw new IllegalArgumentException("pinning needs at least one fingerprint");
        }
        return new TrustPolicy(new PinningTrustManager(pins), "pinned " + pins);
    }

    /** The trust manager Netty's TLS context uses. */
    public TrustManager trustManager() {
        return trustManager;
    }

    @Override
    public String toString() {
        return description;
    }

    private static TrustPolicy fromKeyStore(KeyStore store, String description) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager) {
                    return new TrustPolicy(manager, description);
                }
            }
            throw new IllegalStateException("the JVM offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up trust for " + description + ": " + e.getMessage(), e);
        }
    }
}
