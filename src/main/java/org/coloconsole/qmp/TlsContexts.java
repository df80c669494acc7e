package org.coloconsole.qmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds an {@link SSLContext} from {@link TlsSettings}: PEM files into in-memory key stores, nothing on disk. */
final class TlsContexts {
    /** Only guards the in-memory store; it never leaves this process. */
    private static final char[] STORE_PASSWORD = "in-memory".toCharArray();

    private TlsContexts() {
    }

    /** What the files hold, read and checked; {@code chain} and {@code key} are null without a client certificate. */
    record Material(List<X509Certificate> authorities, List<X509Certificate> chain, PrivateKey key) {
    }

    /** Reads every file and checks the key belongs to the certificate: each problem a sentence naming its file. */
    static Material load(TlsSettings settings) throws TlsFileException {
        List<X509Certificate> authorities = PemReader.certificates(settings.caFile(), TlsFileException.Role.CA);
        if (settings.certificateFile() == null) {
            return new Material(authorities, null, null);
        }
        List<X509Certificate> chain = PemReader.certificates(settings.certificateFile(),
                TlsFileException.Role.CERTIFICATE);
        PrivateKey key = PemReader.privateKey(settings.keyFile());
        requireMatchingPair(chain.get(0), key, settings);
        return new Material(authorities, chain, key);
    }

    static SSLContext create(TlsSettings settings) throws TlsFileException {
        Material material = load(settings);
        KeyManager[] keyManagers = material.key() == null ? null : keyManagers(material.chain(), material.key());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers,
                    new TrustManager[] {new VerifyingTrustManager(trustManager(material.authorities()))}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(List<X509Certificate> authorities) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(trusted);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("this Java runtime offers no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this Java runtime cannot hold trusted certificates: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key) {
        try {
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry("client", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(own, STORE_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this Java runtime cannot hold the client key: " + e.getMessage(), e);
        }
    }

    /** A key from one pair and a certificate from another fail deep in the handshake with no useful message. */
    private static void requireMatchingPair(X509Certificate certificate, PrivateKey key, TlsSettings settings)
            throws TlsFileException {
        String algorithm;
        switch (key.getAlgorithm()) {
            case "RSA":
                algorithm = "SHA256withRSA";
                break;
            case "EC":
                algorithm = "SHA256withECDSA";
                break;
            default:
                algorithm = key.getAlgorithm();
                break;
        }
        byte[] probe = "colo-console key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsFileException(TlsFileException.Role.KEY, settings.keyFile(), "the TLS client key "
                    + settings.keyFile() + " does not belong to the certificate in " + settings.certificateFile(),
                    null);
        }
    }
}
