package org.coloconsole.qmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PEM files for tests outside this package (the profile checks, the form): a CA, a client certificate and key signed by
 * it, a second client whose key belongs to another certificate, and the kinds of file the console refuses. Made with
 * openssl by {@link TlsCertificates} into the test's directory.
 */
public final class TestPki {
    private final TlsCertificates pki;
    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
        this.pki = new TlsCertificates(dir);
    }

    /** Runs openssl a few times: a CA and two clients (RSA keys). */
    public static TestPki create(Path dir) throws IOException {
        TestPki made = new TestPki(dir);
        made.pki.ca("ca");
        made.pki.client("console", "ca");
        made.pki.client("other", "ca");
        return made;
    }

    public Path ca() {
        return pki.cert("ca");
    }

    public Path clientCertificate() {
        return pki.cert("console");
    }

    public Path clientKey() {
        return pki.key("console");
    }

    /** A good key, but of another certificate. */
    public Path otherClientKey() {
        return pki.key("other");
    }

    public Path traditionalClientKey() throws IOException {
        return pki.traditionalKey("console");
    }

    public Path encryptedClientKey() throws IOException {
        return pki.encryptedKey("console");
    }

    /** A readable text file that holds no PEM block at all. */
    public Path notPem(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "this is not a certificate\n", StandardCharsets.US_ASCII);
    }
}
