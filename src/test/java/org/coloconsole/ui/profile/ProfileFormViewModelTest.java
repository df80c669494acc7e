package org.coloconsole.ui.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.qmp.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFormViewModelTest {
    private final ProfileFormViewModel form = new ProfileFormViewModel();

    @TempDir
    Path dir;

    private void fillValid() {
        form.nameProperty().set("rack-3");
        form.primaryProperty().set("tcp:127.0.0.1:4444");
        form.secondaryProperty().set("unix:/run/colo/secondary.sock");
    }

    @Test
    void anEmptyFormSaysWhatEachFieldNeeds() {
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.nameErrorProperty().get()).startsWith("Give the pair a name");
        assertThat(form.primaryErrorProperty().get()).startsWith("Enter the primary's monitor");
        assertThat(form.intervalErrorProperty().get()).isEmpty();
    }

    @Test
    void aValidFormBecomesAProfile() {
        fillValid();
        assertThat(form.validProperty().get()).isTrue();
        ConnectionProfile p = form.toProfile().orElseThrow();
        assertThat(p.name()).isEqualTo("rack-3");
        assertThat(p.intervalMs()).isEqualTo(250);
        assertThat(p.misses()).isEqualTo(3);
    }

    @Test
    void aBadEndpointIsShownBesideItsFieldInTheParsersWords() {
        fillValid();
        form.primaryProperty().set("tcp:10.0.0.1");
        assertThat(form.primaryErrorProperty().get()).isEqualTo("'tcp:10.0.0.1' has no port: write tcp:HOST:PORT");
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.toProfile()).isEmpty();
    }

    @Test
    void aNegativeIntervalIsRefusedInASentence() {
        fillValid();
        form.intervalProperty().set("-5");
        assertThat(form.intervalErrorProperty().get()).isEqualTo("The interval must be at least 10; it cannot be negative.");
        form.intervalProperty().set("abc");
        assertThat(form.intervalErrorProperty().get()).isEqualTo("The interval must be a whole number.");
        assertThat(form.validProperty().get()).isFalse();
    }

    @Test
    void aPingTimeoutShorterThanTheIntervalIsACrossFieldError() {
        fillValid();
        form.intervalProperty().set("500");
        form.pingTimeoutProperty().set("100");
        assertThat(form.heartbeatErrorProperty().get()).isEqualTo("The ping timeout must not be shorter than the interval.");
        assertThat(form.validProperty().get()).isFalse();
    }

    @Test
    void bothSidesOnOneMonitorIsRefused() {
        fillValid();
        form.secondaryProperty().set("tcp:127.0.0.1:4444");
        assertThat(form.secondaryErrorProperty().get()).isEqualTo("The secondary must be a different monitor from the primary.");
    }

    @Test
    void loadingASavedProfileFillsEveryField() {
        form.load(new ConnectionProfile("lab", "unix:/a.sock", "unix:/b.sock", 100, 5, 1000, null));
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.missesProperty().get()).isEqualTo("5");
    }

    // --- TLS files and plain TCP ---

    private static TestPki pki;

    @BeforeAll
    static void makePki(@TempDir Path pkiDir) throws IOException {
        pki = TestPki.create(pkiDir);
    }

    /** A real PEM file (the form reads what the files hold): the CA, the client's key or its certificate. */
    private Path pem(String name) throws IOException {
        Path source = name.startsWith("ca") ? pki.ca() : name.contains("key") ? pki.clientKey()
                : pki.clientCertificate();
        return Files.copy(source, dir.resolve(name));
    }

    private void fillTls() {
        form.nameProperty().set("remote");
        form.primaryProperty().set("tls:10.0.0.1:4444");
        form.secondaryProperty().set("tls:10.0.0.2:4444");
    }

    @Test
    void aTlsMonitorNeedsTheCaAndWithItBecomesAProfileWithTheFiles() throws IOException {
        fillTls();
        assertThat(form.tlsCaErrorProperty().get()).isEqualTo(
                "tls:10.0.0.1:4444 needs the CA that signed QEMU's server certificate: choose the CA file.");
        assertThat(form.validProperty().get()).isFalse();

        form.tlsCaProperty().set(pem("ca-cert.pem").toString());
        form.tlsCertProperty().set(pem("client-cert.pem").toString());
        form.tlsKeyProperty().set(pem("client-key.pem").toString());
        assertThat(form.validProperty().get()).isTrue();
        ConnectionProfile p = form.toProfile().orElseThrow();
        assertThat(p.tlsCa()).isEqualTo(dir.resolve("ca-cert.pem").toString());
        assertThat(p.tlsKey()).isEqualTo(dir.resolve("client-key.pem").toString());
        assertThat(p.security().tls()).hasValueSatisfying(t -> assertThat(t.certificateFile())
                .isEqualTo(dir.resolve("client-cert.pem")));
    }

    @Test
    void aCaFileThatIsMissingOrADirectoryOrRelativeIsSaidBesideIt() {
        fillTls();
        form.tlsCaProperty().set(dir.resolve("nope.pem").toString());
        assertThat(form.tlsCaErrorProperty().get()).isEqualTo("The CA file " + dir.resolve("nope.pem")
                + " does not exist.");
        form.tlsCaProperty().set(dir.toString());
        assertThat(form.tlsCaErrorProperty().get()).isEqualTo("The CA file " + dir
                + " is a directory: choose the PEM file in it.");
        form.tlsCaProperty().set("ca-cert.pem");
        assertThat(form.tlsCaErrorProperty().get()).isEqualTo(
                "Give the CA file as a full path (starting with /), e.g. from Browse….");
        assertThat(form.validProperty().get()).isFalse();
    }

    @Test
    void aCaFileNobodyCanReadIsSaid() throws IOException {
        fillTls();
        Path ca = pem("ca-cert.pem");
        Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("---------"));
        form.tlsCaProperty().set(ca.toString());
        // root reads any file: then there is nothing to say, and the check must not invent a problem
        if (Files.isReadable(ca)) {
            assertThat(form.tlsCaErrorProperty().get()).isEmpty();
        } else {
            assertThat(form.tlsCaErrorProperty().get()).isEqualTo("The CA file " + ca
                    + " cannot be read (permission denied).");
        }
    }

    @Test
    void aCertificateWithoutItsKeyOrAKeyWithoutItsCertificateIsRefusedInTheQmpLayersWords() throws IOException {
        fillTls();
        form.tlsCaProperty().set(pem("ca-cert.pem").toString());
        form.tlsCertProperty().set(pem("client-cert.pem").toString());
        assertThat(form.tlsKeyErrorProperty().get())
                .isEqualTo("A TLS client certificate was given without its key: give both or neither.");
        assertThat(form.validProperty().get()).isFalse();

        form.tlsCertProperty().set("");
        Path key = Files.writeString(dir.resolve("client-key.pem"), "-----BEGIN PRIVATE KEY-----\nSECRETSECRET\n");
        form.tlsKeyProperty().set(key.toString());
        assertThat(form.tlsCertErrorProperty().get())
                .isEqualTo("A TLS client key was given without its certificate: give both or neither.");
        assertThat(form.tlsKeyErrorProperty().get()).isEmpty();
        // only the path is ever shown
        assertThat(form.tlsCertErrorProperty().get() + form.tlsCaErrorProperty().get()).doesNotContain("SECRET");
    }

    @Test
    void tlsFilesWithoutATlsMonitorAreRefusedAsUnused() throws IOException {
        fillValid();
        form.tlsCaProperty().set(pem("ca-cert.pem").toString());
        assertThat(form.tlsCaErrorProperty().get()).isEqualTo("Neither monitor is a tls: endpoint, so these TLS files"
                + " would not be used: write tls:HOST:PORT or clear the files.");
        assertThat(form.validProperty().get()).isFalse();
        form.tlsCaProperty().set(" ");
        assertThat(form.validProperty().get()).isTrue();
    }

    @Test
    void plainTcpToARemoteHostNeedsTheInsecureTick() {
        fillValid();
        form.secondaryProperty().set("tcp:10.0.0.2:4444");
        assertThat(form.secondaryErrorProperty().get()).isEqualTo("tcp:10.0.0.2:4444 is not a loopback address (only"
                + " 127.0.0.0/8, ::1 and localhost are): QMP over plain TCP gives anyone on the network full control of"
                + " the VM. Use tls:10.0.0.2:4444, or tick \"Allow plain TCP to a non-loopback host (insecure)\".");
        assertThat(form.validProperty().get()).isFalse();

        form.allowInsecureProperty().set(true);
        assertThat(form.secondaryErrorProperty().get()).isEmpty();
        assertThat(form.toProfile().orElseThrow().allowInsecure()).isTrue();
    }

    @Test
    void loadingATlsProfileFillsTheTlsFields() throws IOException {
        String ca = pem("ca-cert.pem").toString();
        form.load(new ConnectionProfile("remote", "tls:10.0.0.1:4444", "tcp:10.0.0.2:4444", 250, 3, 3000, null, ca,
                null, null, true));
        assertThat(form.tlsCaProperty().get()).isEqualTo(ca);
        assertThat(form.tlsCertProperty().get()).isEmpty();
        assertThat(form.allowInsecureProperty().get()).isTrue();
        assertThat(form.validProperty().get()).isTrue();
    }

    @Test
    void whatTheFilesHoldIsCheckedBeforeSavingEachBesideItsField() throws IOException {
        fillTls();
        form.tlsCaProperty().set(pki.clientKey().toString());
        assertThat(form.tlsCaErrorProperty().get()).isEqualTo("The TLS CA file " + pki.clientKey()
                + " holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----).");
        assertThat(form.validProperty().get()).isFalse();

        form.tlsCaProperty().set(pki.ca().toString());
        form.tlsCertProperty().set(pki.clientCertificate().toString());
        form.tlsKeyProperty().set(pki.otherClientKey().toString());
        assertThat(form.tlsCaErrorProperty().get()).isEmpty();
        assertThat(form.tlsCertErrorProperty().get()).isEmpty();
        assertThat(form.tlsKeyErrorProperty().get()).isEqualTo("The TLS client key " + pki.otherClientKey()
                + " does not belong to the certificate in " + pki.clientCertificate() + ".");
        assertThat(form.validProperty().get()).isFalse();

        Path encrypted = pki.encryptedClientKey();
        form.tlsKeyProperty().set(encrypted.toString());
        assertThat(form.tlsKeyErrorProperty().get()).startsWith("The TLS client key " + encrypted
                + " is encrypted, which is not supported");

        form.tlsKeyProperty().set(pki.clientKey().toString());
        assertThat(form.tlsKeyErrorProperty().get()).isEmpty();
        assertThat(form.validProperty().get()).isTrue();
    }

    @Test
    void aKeyInTheCertificateFieldIsSaidBesideTheCertificate() {
        fillTls();
        form.tlsCaProperty().set(pki.ca().toString());
        form.tlsCertProperty().set(pki.clientKey().toString());
        form.tlsKeyProperty().set(pki.clientKey().toString());
        assertThat(form.tlsCertErrorProperty().get()).startsWith("The TLS client certificate " + pki.clientKey()
                + " holds no PEM certificate");
        assertThat(form.tlsKeyErrorProperty().get()).isEmpty();
        assertThat(form.validProperty().get()).isFalse();
    }

    @Test
    void probesAreCheckedAsTypedAndSavedPerSide() {
        fillValid();
        form.probePrimaryProperty().set("tcp:127.0.0.1:22");
        form.probePrimaryStatusProperty().set("204");
        assertThat(form.probePrimaryStatusErrorProperty().get())
                .isEqualTo("A tcp: probe only connects and reads no status: leave the expected status empty.");
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.toProfile()).isEmpty();

        form.probePrimaryProperty().set("http://127.0.0.1:8080/health");
        form.probeSecondaryProperty().set("http://10.0.0.2/health");
        assertThat(form.probeSecondaryErrorProperty().get()).contains("10.0.0.2, which is not loopback");
        form.allowRemoteProbesProperty().set(true);

        assertThat(form.validProperty().get()).isTrue();
        org.coloconsole.app.profile.ProfileProbes saved = form.toProfile().orElseThrow().probes();
        assertThat(saved).isEqualTo(new org.coloconsole.app.profile.ProfileProbes("http://127.0.0.1:8080/health", 204,
                "http://10.0.0.2/health", null, true));

        ProfileFormViewModel again = new ProfileFormViewModel();
        again.load(form.toProfile().orElseThrow());
        assertThat(again.probePrimaryStatusProperty().get()).isEqualTo("204");
        assertThat(again.toProfile().orElseThrow().probes()).isEqualTo(saved);
    }

    @Test
    void theAlertCommandMustBeAnExecutableGivenByAbsolutePathAndSurvivesAnEdit() throws Exception {
        fillValid();
        form.alertCommandProperty().set("page-oncall");
        assertThat(form.alertCommandErrorProperty().get()).startsWith("The alert command must be an absolute path");
        assertThat(form.validProperty().get()).isFalse();

        java.nio.file.Path script = java.nio.file.Files.writeString(dir.resolve("page-oncall"), "#!/bin/sh\n");
        form.alertCommandProperty().set(script.toString());
        assertThat(form.alertCommandErrorProperty().get()).isEqualTo(script + " is not executable (chmod +x).");
        java.nio.file.Files.setPosixFilePermissions(script,
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        form.alertCommandProperty().set("");
        form.alertCommandProperty().set(script.toString());
        assertThat(form.validProperty().get()).isTrue();

        ProfileFormViewModel edit = new ProfileFormViewModel();
        edit.load(form.toProfile().orElseThrow());
        assertThat(edit.toProfile().orElseThrow().alertCommand()).as("an edit keeps it").isEqualTo(script.toString());
    }
}
