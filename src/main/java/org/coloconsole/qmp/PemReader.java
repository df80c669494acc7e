package org.coloconsole.qmp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files QEMU's {@code tls-creds-x509} directory holds, without a KeyStore file on disk. Every failure is
 * a {@link TlsFileException} whose message names the file and what to do about it.
 */
final class PemReader {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    /** Tried in order for a PKCS#8 key: the key's own algorithm identifier decides which one accepts it. */
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448"};

    private PemReader() {
    }

    static List<X509Certificate> certificates(Path file, TlsFileException.Role role) throws TlsFileException {
        String text = read(file, role);
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this Java runtime cannot read X.509 certificates", e);
        }
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(decode(m.group(2), file, role))));
            } catch (CertificateException e) {
                throw new TlsFileException(role, file, "the " + role.noun() + " " + file
                        + " holds a certificate that cannot be read (" + e.getMessage() + ")", e);
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsFileException(role, file, "the " + role.noun() + " " + file
                    + " holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----)", null);
        }
        return certificates;
    }

    static PrivateKey privateKey(Path file) throws TlsFileException {
        TlsFileException.Role role = TlsFileException.Role.KEY;
        String text = read(file, role);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(decode(m.group(2), file, role), file);
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new TlsFileException(role, file, "the " + role.noun() + " " + file + " is a "
                            + type.replace(" PRIVATE KEY", "") + "-specific key (-----BEGIN " + type + "-----);"
                            + " convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file
                            + " -out key-pkcs8.pem", null);
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsFileException(role, file, "the " + role.noun() + " " + file + " is encrypted, which"
                            + " is not supported; write an unencrypted PKCS#8 copy readable only by you with: openssl"
                            + " pkcs8 -topk8 -nocrypt -in " + file + " -out key-pkcs8.pem", null);
                default:
                    break;
            }
        }
        throw new TlsFileException(role, file, "the " + role.noun() + " " + file
                + " holds no PEM private key (a block starting -----BEGIN PRIVATE KEY-----)", null);
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws TlsFileException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // not this algorithm: try the next one
            }
        }
        throw new TlsFileException(TlsFileException.Role.KEY, file,
                "the TLS client key " + file + " is not an RSA or EC key this console can use", null);
    }

    private static byte[] decode(String base64, Path file, TlsFileException.Role role) throws TlsFileException {
        try {
            return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new TlsFileException(role, file, "the " + role.noun() + " " + file
                    + " is damaged (its base64 does not decode)", e);
        }
    }

    private static String read(Path file, TlsFileException.Role role) throws TlsFileException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(role, file, "the " + role.noun() + " " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsFileException(role, file, "the " + role.noun() + " " + file
                    + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new TlsFileException(role, file, "the " + role.noun() + " " + file
                    + " cannot be read as a PEM text file (" + e.getMessage() + ")", e);
        }
    }
}
