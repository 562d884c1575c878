package io.quicidl.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS identity: a certificate chain (leaf first) and its private key. Servers always have one;
 * clients have one for mutual TLS. Immutable.
 */
public final class Identity {
    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    private Identity(List<X509Certificate> chain, PrivateKey privateKey) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS identity needs at least one certificate");
        }
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
    }

    /**
     * Reads an identity from PEM files: {@code certificateChain} holds one or more
     * {@code CERTIFICATE} blocks (leaf first), {@code privateKey} one unencrypted key in PKCS#8
     * ({@code PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}) form.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static Identity fromPemFiles(Path certificateChain, Path privateKey) {
        return new Identity(readCertificates(certificateChain), readPrivateKey(privateKey));
    }

    /**
     * Generates a self-signed identity for development: an ECDSA P-256 key and a certificate
     * valid for a year for {@code hostnames} (DNS names or IP literals). Clients trust it by
     * pinning its {@link #fingerprint()}.
     */
    public static Identity selfSigned(String... hostnames) {
        if (hostnames.length == 0) {
            throw new IllegalArgumentException("a self-signed identity needs at least one host name");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + hostnames[0]);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    subject,
                    keys.getPublic());
            GeneralName[] names = new GeneralName[hostnames.length];
            for (int i = 0; i < hostnames.length; i++) {
                names[i] = new GeneralName(
                        isIpLiteral(hostnames[i]) ? GeneralName.iPAddress : GeneralName.dNSName, hostnames[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Identity(List.of(certificate), keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the chain and the key as PEM files (the key unencrypted, PKCS#8), e.g. to keep a
     * development identity across restarts. The key file is readable by its owner only where the
     * file system supports POSIX permissions.
     */
    public void writePemFiles(Path certificateChainFile, Path privateKeyFile) {
        try {
            try (Writer out = Files.newBufferedWriter(certificateChainFile, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                for (X509Certificate certificate : chain) {
                    pem.writeObject(certificate);
                }
            }
            Files.deleteIfExists(privateKeyFile);
            Files.createFile(privateKeyFile);
            try {
                Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the caller's umask applies.
            }
            try (Writer out = Files.newBufferedWriter(privateKeyFile, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(new JcaPKCS8Generator(privateKey, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + certificateChainFile + " / " + privateKeyFile, e);
        }
    }

    /** The certificate chain, leaf first. */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /** The private key of the leaf certificate. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The SHA-256 fingerprint of the leaf's public key, for pinning ({@link TrustPolicy#pinned}). */
    public String fingerprint() {
        return Fingerprints.of(chain.get(0));
    }

    static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + ": no CERTIFICATE block found");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException(
                    file + ": expected an unencrypted PRIVATE KEY, EC PRIVATE KEY or " + "RSA PRIVATE KEY block, found "
                            + (object == null ? "none" : object.getClass().getSimpleName()));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a PEM private key file: " + e.getMessage(), e);
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
