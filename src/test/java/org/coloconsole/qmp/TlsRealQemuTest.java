package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.coloconsole.testing.TestedQemu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls:} endpoints against a real QEMU (the system's 7.2 here, 10.0 in {@link TlsRealQemuOnQemu10Test}) whose
 * monitor runs behind {@code tls-creds-x509}, with a PKI the test
 * makes with openssl: the right CA connects; a wrong CA, a wrong host name and a missing client certificate are
 * refused, each with a sentence that says which.
 */
class TlsRealQemuTest {
    @TempDir
    static Path dir;

    private static TlsCertificates pki;
    private static Path goodServer;
    private static Path wrongNameServer;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TlsCertificates(dir);
        pki.ca("ca");
        pki.ca("other-ca");
        pki.server("server", "ca", "IP:127.0.0.1", "DNS:localhost");
        pki.server("elsewhere", "ca", "DNS:qemu.example");
        pki.client("console", "ca");
        pki.client("stranger", "other-ca");
        goodServer = pki.qemuServerDir("ca", "server");
        wrongNameServer = pki.qemuServerDir("ca", "elsewhere");
    }

    private static QmpClientOptions options(TlsSettings tls) {
        return QmpClientOptions.defaults("tls").withConnectTimeout(Duration.ofSeconds(5))
                .withHandshakeTimeout(Duration.ofSeconds(5)).withTls(tls);
    }

    /** Which QEMU: a subclass runs every test against another one. */
    TestedQemu qemuBinary() {
        return TestedQemu.SYSTEM;
    }

    private TlsQemu start(Path credentials, boolean verifyPeer) throws Exception {
        return TlsQemu.start(qemuBinary(), credentials, verifyPeer, dir);
    }

    private void assertQueryStatusWorks(TlsQemu qemu, Endpoint endpoint, TlsSettings tls) throws Exception {
        try (QmpClient client = new QmpClient(options(tls))) {
            QmpGreeting greeting = client.connect(endpoint);
            assertThat(greeting.version().major()).isEqualTo(qemuBinary().major());
            QmpValue status = client.execute("query-status").get(10, TimeUnit.SECONDS);
            assertThat(status.string("status")).as(qemu.log()).hasValue("running");
        }
    }

    @Test
    void rightCaConnectsByAddressAndByName() throws Exception {
        try (TlsQemu qemu = start(goodServer, false)) {
            assertQueryStatusWorks(qemu, qemu.endpoint("127.0.0.1"), TlsSettings.trusting(pki.cert("ca")));
            assertQueryStatusWorks(qemu, qemu.endpoint("localhost"), TlsSettings.trusting(pki.cert("ca")));
        }
    }

    @Test
    void wrongCaIsRefusedNamingTheCaFile() throws Exception {
        try (TlsQemu qemu = start(goodServer, false);
             QmpClient client = new QmpClient(options(TlsSettings.trusting(pki.cert("other-ca"))))) {
            assertThatThrownBy(() -> client.connect(qemu.endpoint("127.0.0.1")))
                    .isInstanceOf(QmpConnectException.class)
                    .hasMessageContaining("the server's certificate is not signed by the CA in "
                            + pki.cert("other-ca"));
            assertThat(client.state()).isEqualTo(QmpClientState.IDLE);
            // the monitor is free again: the right CA still gets in
            assertQueryStatusWorks(qemu, qemu.endpoint("127.0.0.1"), TlsSettings.trusting(pki.cert("ca")));
        }
    }

    @Test
    void certificateForAnotherHostIsRefused() throws Exception {
        try (TlsQemu qemu = start(wrongNameServer, false);
             QmpClient client = new QmpClient(options(TlsSettings.trusting(pki.cert("ca"))))) {
            assertThatThrownBy(() -> client.connect(qemu.endpoint("127.0.0.1")))
                    .isInstanceOf(QmpConnectException.class)
                    .hasMessageContaining("the server's certificate is not issued for host '127.0.0.1'")
                    .hasMessageNotContaining("not signed by the CA");
        }
    }

    @Test
    void verifyPeerWithoutClientCertificateIsRefusedAndWithOneWorks() throws Exception {
        try (TlsQemu qemu = start(goodServer, true);
             QmpClient client = new QmpClient(options(TlsSettings.trusting(pki.cert("ca"))))) {
            assertThatThrownBy(() -> client.connect(qemu.endpoint("127.0.0.1")))
                    .isInstanceOf(QmpConnectException.class)
                    .hasMessageContaining("requires a client certificate");
            assertQueryStatusWorks(qemu, qemu.endpoint("127.0.0.1"), TlsSettings.trusting(pki.cert("ca"))
                    .withClientCertificate(pki.cert("console"), pki.key("console")));
        }
    }

    @Test
    void verifyPeerRefusesAClientCertificateFromAnotherCa() throws Exception {
        try (TlsQemu qemu = start(goodServer, true);
             QmpClient client = new QmpClient(options(TlsSettings.trusting(pki.cert("ca"))
                     .withClientCertificate(pki.cert("stranger"), pki.key("stranger"))))) {
            assertThatThrownBy(() -> client.connect(qemu.endpoint("127.0.0.1")))
                    .isInstanceOf(QmpConnectException.class)
                    .hasMessageContaining(qemu.endpoint("127.0.0.1").text());
        }
    }
}
