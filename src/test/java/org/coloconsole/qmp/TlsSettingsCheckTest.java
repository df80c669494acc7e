package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TlsSettings#check()}: the files read as connecting would read them, each problem blamed on its file. */
class TlsSettingsCheckTest {
    @TempDir
    static Path dir;
    private static TestPki pki;

    @BeforeAll
    static void makePki() throws IOException {
        pki = TestPki.create(dir);
    }

    @Test
    void goodFilesPass() {
        assertThatCode(() -> TlsSettings.trusting(pki.ca()).check()).doesNotThrowAnyException();
        assertThatCode(() -> new TlsSettings(pki.ca(), pki.clientCertificate(), pki.clientKey()).check())
                .doesNotThrowAnyException();
    }

    @Test
    void aCaFileWithoutACertificateIsBlamedOnTheCa() throws IOException {
        Path notPem = pki.notPem("ca-notes.txt");
        assertThatThrownBy(() -> new TlsSettings(notPem, pki.clientCertificate(), pki.clientKey()).check())
                .isInstanceOfSatisfying(TlsFileException.class, e -> {
                    assertThat(e.role()).isEqualTo(TlsFileException.Role.CA);
                    assertThat(e.file()).isEqualTo(notPem);
                })
                .hasMessage("the TLS CA file " + notPem
                        + " holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----)");
    }

    @Test
    void aKeyGivenAsTheCaIsNotACertificate() {
        assertThatThrownBy(() -> TlsSettings.trusting(pki.clientKey()).check())
                .isInstanceOfSatisfying(TlsFileException.class,
                        e -> assertThat(e.role()).isEqualTo(TlsFileException.Role.CA))
                .hasMessageContaining("holds no PEM certificate");
    }

    @Test
    void aKeyGivenAsTheCertificateIsBlamedOnTheCertificate() {
        assertThatThrownBy(() -> new TlsSettings(pki.ca(), pki.clientKey(), pki.clientKey()).check())
                .isInstanceOfSatisfying(TlsFileException.class,
                        e -> assertThat(e.role()).isEqualTo(TlsFileException.Role.CERTIFICATE))
                .hasMessageStartingWith("the TLS client certificate " + pki.clientKey() + " holds no PEM certificate");
    }

    @Test
    void aKeyOfAnotherCertificateIsBlamedOnTheKey() {
        assertThatThrownBy(() -> new TlsSettings(pki.ca(), pki.clientCertificate(), pki.otherClientKey()).check())
                .isInstanceOfSatisfying(TlsFileException.class,
                        e -> assertThat(e.role()).isEqualTo(TlsFileException.Role.KEY))
                .hasMessage("the TLS client key " + pki.otherClientKey() + " does not belong to the certificate in "
                        + pki.clientCertificate());
    }

    @Test
    void anRsaSpecificKeyIsRefusedWithTheCommandThatConvertsIt() throws IOException {
        Path traditional = pki.traditionalClientKey();
        assertThatThrownBy(() -> new TlsSettings(pki.ca(), pki.clientCertificate(), traditional).check())
                .isInstanceOfSatisfying(TlsFileException.class,
                        e -> assertThat(e.role()).isEqualTo(TlsFileException.Role.KEY))
                .hasMessageContaining("is a RSA-specific key (-----BEGIN RSA PRIVATE KEY-----)")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + traditional);
    }

    @Test
    void anEncryptedKeyIsRefused() throws IOException {
        Path encrypted = pki.encryptedClientKey();
        assertThatThrownBy(() -> new TlsSettings(pki.ca(), pki.clientCertificate(), encrypted).check())
                .isInstanceOfSatisfying(TlsFileException.class,
                        e -> assertThat(e.role()).isEqualTo(TlsFileException.Role.KEY))
                .hasMessageStartingWith("the TLS client key " + encrypted + " is encrypted, which is not supported");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.pem");
        assertThatThrownBy(() -> new TlsSettings(pki.ca(), pki.clientCertificate(), missing).check())
                .isInstanceOfSatisfying(TlsFileException.class, e -> assertThat(e.file()).isEqualTo(missing))
                .hasMessage("the TLS client key " + missing + " does not exist");
    }
}
