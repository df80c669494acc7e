package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.colo.ConnectionStatus;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.ui.PairConnector;
import org.coloconsole.ui.SessionOptions;
import org.coloconsole.ui.SupervisorSession;
import org.coloconsole.ui.WindowSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection profile with TLS files opens a session on two real QEMUs whose monitors run behind
 * {@code tls-creds-x509,verify-peer=on}: the window's connector passes the profile's CA, client certificate and key
 * down to the qmp layer. The same profile with a CA that did not sign QEMU's certificate ends in the qmp layer's
 * sentence on the banner, not in a wait. (Here, not under ui, to reuse this package's PKI and QEMU fixtures.)
 */
class TlsProfileSessionTest {
    @TempDir
    static Path dir;

    private static TlsCertificates pki;
    private static Path serverDir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TlsCertificates(dir);
        pki.ca("ca");
        pki.ca("other-ca");
        pki.server("server", "ca", "IP:127.0.0.1", "DNS:localhost");
        pki.client("console", "ca");
        serverDir = pki.qemuServerDir("ca", "server");
    }

    private static ConnectionProfile savedAndReadBack(ConnectionProfile profile) throws Exception {
        ProfileStore store = new ProfileStore(Files.createTempDirectory(dir, "cfg").resolve("profiles.json"));
        store.save(profile);
        return store.find(profile.name()).orElseThrow();
    }

    private static WindowSession open(ConnectionProfile profile) throws Exception {
        Path journal = Files.createTempDirectory(dir, "journal");
        PairConnector connector = SupervisorSession.connector(() -> JournalAuditTrail.open(journal),
                Clock.systemUTC(), org.coloconsole.testing.TestClaims.thisProcess());
        return connector.open(profile.name(), profile.endpoints(), profile.heartbeat(),
                SessionOptions.of(profile.security()).withProbes(profile.serviceProbes()));
    }

    private static ConnectionProfile profile(TlsQemu primary, TlsQemu secondary, Path ca) {
        return new ConnectionProfile("tls pair", primary.endpoint("127.0.0.1").text(),
                secondary.endpoint("localhost").text(), 250, 3, 3000, null, ca.toString(),
                pki.cert("console").toString(), pki.key("console").toString(), false);
    }

    @Test
    void aProfileWithTlsFilesConnectsBothSides() throws Exception {
        try (TlsQemu primary = TlsQemu.start(serverDir, true, dir);
             TlsQemu secondary = TlsQemu.start(serverDir, true, dir);
             WindowSession session = open(savedAndReadBack(profile(primary, secondary, pki.cert("ca"))))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                PairSnapshot now = session.current();
                assertThat(now.state().primary().connection()).as(primary.log()).isEqualTo(ConnectionStatus.CONNECTED);
                assertThat(now.state().secondary().connection()).as(secondary.log()).isEqualTo(ConnectionStatus.CONNECTED);
                assertThat(now.state().primary().qemuVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("7."));
                assertThat(now.state().primary().reportedRunState()).hasValue("running");
            });
        }
    }

    @Test
    void theSameProfileWithAWrongCaEndsInTheSentenceNotAWait() throws Exception {
        try (TlsQemu primary = TlsQemu.start(serverDir, true, dir);
             TlsQemu secondary = TlsQemu.start(serverDir, true, dir);
             WindowSession session = open(savedAndReadBack(profile(primary, secondary, pki.cert("other-ca"))))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                PairSnapshot now = session.current();
                assertThat(String.join("\n", now.recommendation().reasons()))
                        .contains("the server's certificate is not signed by the CA in " + pki.cert("other-ca"));
                assertThat(now.state().primary().connection()).isNotEqualTo(ConnectionStatus.CONNECTED);
                assertThat(now.state().secondary().connection()).isNotEqualTo(ConnectionStatus.CONNECTED);
            });
        }
    }
}
