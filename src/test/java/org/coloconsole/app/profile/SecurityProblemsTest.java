package org.coloconsole.app.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.coloconsole.qmp.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityProblemsTest {
    @Test
    void loopbackIsDecidedFromTheTextWithoutALookup() {
        assertThat(SecurityProblems.isLoopback("127.0.0.1")).isTrue();
        assertThat(SecurityProblems.isLoopback("127.8.9.10")).isTrue();
        assertThat(SecurityProblems.isLoopback("::1")).isTrue();
        assertThat(SecurityProblems.isLoopback("LOCALHOST")).isTrue();
        assertThat(SecurityProblems.isLoopback("10.0.0.1")).isFalse();
        assertThat(SecurityProblems.isLoopback("127.0.0.256")).isFalse();
        assertThat(SecurityProblems.isLoopback("fe80::1")).isFalse();
        // a name could resolve anywhere: the form does not guess, the operator writes an address or localhost
        assertThat(SecurityProblems.isLoopback("colo-a.example")).isFalse();
    }

    @Test
    void aPairOfUnixSocketsNeedsNothing() {
        assertThat(SecurityProblems.find("unix:/a.sock", "unix:/b.sock", "", null, " ", false).none()).isTrue();
    }

    @Test
    void allowInsecureLetsPlainTcpReachARemoteHost() {
        assertThat(SecurityProblems.find("tcp:10.0.0.1:4444", "tcp:10.0.0.2:4444", null, null, null, false).primary())
                .startsWith("tcp:10.0.0.1:4444 is not a loopback address");
        assertThat(SecurityProblems.find("tcp:10.0.0.1:4444", "tcp:10.0.0.2:4444", null, null, null, true).none())
                .isTrue();
    }

    @Test
    void theFilesAreReadAsConnectingWouldReadThemAndEachProblemGoesToItsField(@TempDir Path dir) throws IOException {
        TestPki pki = TestPki.create(dir);
        String ca = pki.ca().toString();
        String cert = pki.clientCertificate().toString();
        String key = pki.clientKey().toString();
        assertThat(SecurityProblems.find("tls:10.0.0.1:4444", "tls:10.0.0.2:4444", ca, cert, key, false).none())
                .isTrue();

        SecurityProblems notACa = SecurityProblems.find("tls:10.0.0.1:4444", "tls:10.0.0.2:4444",
                pki.notPem("notes.txt").toString(), cert, key, false);
        assertThat(notACa.ca()).startsWith("The TLS CA file ").endsWith(" holds no PEM certificate (a block starting"
                + " -----BEGIN CERTIFICATE-----).");
        assertThat(notACa.cert()).isEmpty();
        assertThat(notACa.key()).isEmpty();

        SecurityProblems traditional = SecurityProblems.find("tls:10.0.0.1:4444", "tls:10.0.0.2:4444", ca, cert,
                pki.traditionalClientKey().toString(), false);
        assertThat(traditional.key()).contains("is a RSA-specific key").contains("openssl pkcs8 -topk8 -nocrypt");
        assertThat(traditional.ca()).isEmpty();
        assertThat(traditional.first()).hasValue(traditional.key());

        SecurityProblems mismatch = SecurityProblems.find("tls:10.0.0.1:4444", "tls:10.0.0.2:4444", ca, cert,
                pki.otherClientKey().toString(), false);
        assertThat(mismatch.key()).isEqualTo("The TLS client key " + pki.otherClientKey()
                + " does not belong to the certificate in " + cert + ".");
    }

    @Test
    void aStoredProfileWithABadKeyIsRefusedBeforeConnecting(@TempDir Path dir) throws IOException {
        TestPki pki = TestPki.create(dir);
        ConnectionProfile profile = new ConnectionProfile("remote", "tls:10.0.0.1:4444", "tls:10.0.0.2:4444", 250, 3,
                3000, null, pki.ca().toString(), pki.clientCertificate().toString(),
                pki.encryptedClientKey().toString(), false);
        assertThatThrownBy(profile::security).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The TLS client key " + pki.encryptedClientKey() + " is encrypted");
    }
}
