package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SideCardViewModelTest {
    private final SideCardViewModel card = new SideCardViewModel("secondary", ZoneOffset.UTC);

    @Test
    void aHealthyReplicaReadsHealthyWithItsRoundTripAndVersion() {
        card.update(Snapshots.healthy("secondary"), Snapshots.NOW);

        assertThat(card.titleProperty().get()).isEqualTo("Secondary");
        assertThat(card.stateProperty().get()).isEqualTo(CardState.HEALTHY);
        assertThat(card.connectionProperty().get()).isEqualTo("Connected");
        assertThat(card.versionProperty().get()).isEqualTo("QEMU 7.2.22");
        assertThat(card.heartbeatProperty().get()).isEqualTo("Healthy");
        assertThat(card.heartbeatDetailProperty().get()).isEqualTo("last round trip 0.42 ms");
        assertThat(card.coloProperty().get()).isEqualTo("mode secondary");
        assertThat(card.coloDetailProperty().get()).isEqualTo("last mode none · reason none");
        assertThat(card.lastExitProperty().get()).isEqualTo("no COLO_EXIT");
        assertThat(card.migrationProperty().get()).isEqualTo("colo");
        assertThat(card.sparklineProperty().get()).containsExactly(0.4, 0.45, 0.42);
    }

    @Test
    void aColoExitWithErrorShowsExitedItsQemuTimeAndTheErrorText() {
        card.update(Snapshots.exited(Snapshots.healthy("secondary"), "error", Optional.of("Connection reset")),
                Snapshots.NOW);

        assertThat(card.stateProperty().get()).isEqualTo(CardState.EXITED);
        assertThat(card.lastExitProperty().get())
                .isEqualTo("COLO_EXIT secondary/error at 21:09:57.900 QEMU time (2.1 s ago)");
        assertThat(card.exitErrorProperty().get()).isEqualTo("error: Connection reset");
    }

    @Test
    void aLostSideIsLostEvenAfterItsColoExit() {
        card.update(Snapshots.exited(Snapshots.lost("secondary"), "error", Optional.empty()), Snapshots.NOW);
        assertThat(card.stateProperty().get()).isEqualTo(CardState.LOST);
        assertThat(card.connectionProperty().get()).isEqualTo("Disconnected");
        assertThat(card.heartbeatDetailProperty().get()).isEqualTo("no round trip yet");
        assertThat(card.coloProperty().get()).isEqualTo("mode secondary (last known)");
    }

    @Test
    void missedPingsMakeTheCardDegradedAndAreCounted() {
        card.update(Snapshots.withHeartbeat(Snapshots.healthy("secondary"), "UNRESPONSIVE", 3), Snapshots.NOW);
        assertThat(card.stateProperty().get()).isEqualTo(CardState.DEGRADED);
        assertThat(card.heartbeatProperty().get()).isEqualTo("Unresponsive");
        assertThat(card.heartbeatDetailProperty().get()).endsWith("· 3 misses");
    }

    @Test
    void anUnknownHeartbeatValueIsShownAsGivenNotDropped() {
        card.update(Snapshots.withHeartbeat(Snapshots.healthy("secondary"), "FLAPPING", 0), Snapshots.NOW);
        assertThat(card.heartbeatProperty().get()).isEqualTo("Flapping");
        assertThat(card.stateProperty().get()).isEqualTo(CardState.DEGRADED);
    }

    @Test
    void pseudoClassesAreNamedAfterTheStates() {
        assertThat(CardState.EXITED.pseudoClass().getPseudoClassName()).isEqualTo("exited");
        assertThat(CardState.LOST.pseudoClass().getPseudoClassName()).isEqualTo("lost");
    }

    private static final String UNTRUSTED = "refused tls:10.0.0.2:4444: the server's certificate is not signed by the"
            + " CA in /etc/pki/colo/ca-cert.pem: give the CA file that signed QEMU's server certificate.";

    @Test
    void aRefusedTlsConnectionIsSaidOnTheCardWithWhereToFixIt() {
        card.update(Snapshots.connectFailed("secondary", "tls:10.0.0.2:4444", "LOST", UNTRUSTED), Snapshots.NOW);

        assertThat(card.connectionProperty().get()).isEqualTo("Connecting…");
        assertThat(card.connectionDetailProperty().get()).isEqualTo("Refused tls:10.0.0.2:4444: the server's"
                + " certificate is not signed by the CA in /etc/pki/colo/ca-cert.pem: give the CA file that signed"
                + " QEMU's server certificate (Connect…: CA certificate).");
        assertThat(card.stateProperty().get()).isEqualTo(CardState.LOST);
    }

    @Test
    void plainTcpRefusedNamesTheInsecureTickAndAShortCauseBecomesASentence() {
        card.update(Snapshots.connectFailed("secondary", "tcp:10.0.0.2:4444", "LOST", "tcp:10.0.0.2:4444 is not a"
                + " loopback address: QMP over plain TCP gives anyone on the network full control of the VM. Use"
                + " tls:10.0.0.2:4444, or allow insecure plain TCP."), Snapshots.NOW);
        assertThat(card.connectionDetailProperty().get()).endsWith("Use tls:10.0.0.2:4444, or allow insecure plain TCP"
                + " (Connect…: tick \"Allow plain TCP to a non-loopback host (insecure)\").");

        card.update(Snapshots.lost("secondary"), Snapshots.NOW);
        assertThat(card.connectionDetailProperty().get()).isEqualTo("Socket closed.");
    }

    @Test
    void aConnectedSideShowsNoReasonEvenIfTheEngineStillHadOne() {
        card.update(Snapshots.connectFailed("secondary", "tls:10.0.0.2:4444", "LOST", UNTRUSTED), Snapshots.NOW);
        card.update(Snapshots.healthy("secondary"), Snapshots.NOW);
        assertThat(card.connectionDetailProperty().get()).isEmpty();

        SideSnapshot connectedWithStaleReason = new SideSnapshot("secondary", "tls:10.0.0.2:4444", "CONNECTED",
                Optional.of("7.2.22"), "HEALTHY", Optional.empty(), 0, java.util.List.of(), Optional.of("running"),
                true, "secondary", "none", "none", Optional.empty(), Optional.of("colo"), false, Optional.empty(),
                Optional.of(UNTRUSTED));
        card.update(connectedWithStaleReason, Snapshots.NOW);
        assertThat(card.connectionDetailProperty().get()).isEmpty();
    }
}
