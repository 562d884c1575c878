package io.quicidl.runtime.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 fingerprints of a certificate's SubjectPublicKeyInfo, as lowercase hex. */
public final class Fingerprints {
    private Fingerprints() {}

    /** The fingerprint of {@code certificate}'s public key. */
    public static String of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getPublicKey().getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Normalises a user-given fingerprint: drops ':' and spaces, lowercases, checks the length. */
    public static String normalize(String fingerprint) {
        String hex = fingerprint.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 64 hex digits, got '" + fingerprint + "'");
        }
        return hex;
    }
}
