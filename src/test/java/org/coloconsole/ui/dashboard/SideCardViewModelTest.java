package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Optional;
import org.coloconsole.colo.ConnectFailure;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;

class SideCardViewModelTest {
    private final SideCardViewModel card = new SideCardViewModel(Side.SECONDARY, ZoneOffset.UTC);

    @Test
    void aHealthyReplicaReadsHealthyWithItsRoundTripAndVersion() {
        card.update(Snapshots.replicating().side(Side.SECONDARY), Snapshots.NOW);

        assertThat(card.titleProperty().get()).isEqualTo("Secondary");
        assertThat(card.stateProperty().get()).isEqualTo(CardState.HEALTHY);
        assertThat(card.connectionProperty().get()).isEqualTo("Connected");
        assertThat(card.versionProperty().get()).isEqualTo("QEMU 7.2.22");
        assertThat(card.heartbeatProperty().get()).isEqualTo("Healthy");
        assertThat(card.heartbeatDetailProperty().get()).isEqualTo("last round trip 0.42 ms");
        assertThat(card.runStateProperty().get()).isEqualTo("running");
        assertThat(card.coloProperty().get()).isEqualTo("mode secondary");
        assertThat(card.coloDetailProperty().get()).as("a healthy card hides last mode none · reason none").isEmpty();
        assertThat(card.lastExitProperty().get()).isEqualTo("no COLO_EXIT");
        assertThat(card.migrationProperty().get()).isEqualTo("colo");
        assertThat(card.sparklineProperty().get()).containsExactly(0.4, 0.45, 0.42);
        assertThat(card.sparklineScaleProperty().get()).as("the line's foot and top").isEqualTo("0 – 0.45 ms");
    }

    @Test
    void aColoExitWithErrorShowsExitedItsQemuTimeAndTheErrorText() {
        card.update(Snapshots.replicating().exited(Side.SECONDARY, "error", Optional.of("Connection reset"))
                .side(Side.SECONDARY), Snapshots.NOW);

        assertThat(card.stateProperty().get()).isEqualTo(CardState.EXITED);
        assertThat(card.lastExitProperty().get())
                .isEqualTo("COLO_EXIT secondary/error at 21:09:57.900 QEMU time (2.1 s ago)");
        assertThat(card.exitErrorProperty().get()).isEqualTo("error: Connection reset");
    }

    @Test
    void aLostSideIsLostEvenAfterItsColoExit() {
        card.update(Snapshots.replicating().exited(Side.SECONDARY, "error", Optional.empty()).lost(Side.SECONDARY)
                .side(Side.SECONDARY), Snapshots.NOW);
        assertThat(card.stateProperty().get()).isEqualTo(CardState.LOST);
        assertThat(card.connectionProperty().get()).isEqualTo("Disconnected");
        assertThat(card.coloProperty().get()).isEqualTo("mode secondary (last known)");
        assertThat(card.runStateProperty().get()).isEqualTo("running (last known)");
    }

    @Test
    void missedPingsMakeTheCardDegradedAndAreCounted() {
        card.update(Snapshots.replicating().unresponsive(Side.SECONDARY, 3).side(Side.SECONDARY), Snapshots.NOW);
        assertThat(card.stateProperty().get()).isEqualTo(CardState.DEGRADED);
        assertThat(card.heartbeatProperty().get()).isEqualTo("Unresponsive");
        assertThat(card.heartbeatDetailProperty().get()).endsWith("· 3 misses");
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
        card.update(Snapshots.unconnected("unix:/p.sock", "tls:10.0.0.2:4444")
                .connectFailed(Side.SECONDARY, ConnectFailure.IO, UNTRUSTED).side(Side.SECONDARY), Snapshots.NOW);

        assertThat(card.connectionProperty().get()).isEqualTo("Connecting…");
        assertThat(card.connectionDetailProperty().get()).isEqualTo("Refused tls:10.0.0.2:4444: the server's"
                + " certificate is not signed by the CA in /etc/pki/colo/ca-cert.pem: give the CA file that signed"
                + " QEMU's server certificate (Connect…: CA certificate).");
        assertThat(card.stateProperty().get()).isEqualTo(CardState.LOST);
        // never reached: its run state is not known, and the card must not read "unknown (guest paused)"
        assertThat(card.runStateProperty().get()).isEqualTo("unknown");
    }

    @Test
    void plainTcpRefusedNamesTheInsecureTickAndAShortCauseBecomesASentence() {
        card.update(Snapshots.unconnected("unix:/p.sock", "tcp:10.0.0.2:4444").connectFailed(Side.SECONDARY,
                ConnectFailure.IO, "tcp:10.0.0.2:4444 is not a loopback address: QMP over plain TCP gives anyone on"
                        + " the network full control of the VM. Use tls:10.0.0.2:4444, or allow insecure plain TCP.")
                .side(Side.SECONDARY), Snapshots.NOW);
        assertThat(card.connectionDetailProperty().get()).endsWith("Use tls:10.0.0.2:4444, or allow insecure plain TCP"
                + " (Connect…: tick \"Allow plain TCP to a non-loopback host (insecure)\").");

        card.update(Snapshots.replicating().lost(Side.SECONDARY).side(Side.SECONDARY), Snapshots.NOW);
        assertThat(card.connectionDetailProperty().get()).isEqualTo("Socket closed.");
    }

    @Test
    void aConnectedSideShowsNoReasonEvenIfTheEngineStillHadOne() {
        Snapshots pair = Snapshots.unconnected("unix:/p.sock", "tls:10.0.0.2:4444")
                .connectFailed(Side.SECONDARY, ConnectFailure.IO, UNTRUSTED);
        card.update(pair.side(Side.SECONDARY), Snapshots.NOW);
        assertThat(card.connectionDetailProperty().get()).isNotEmpty();

        pair.apply(new Observation.Connected(Side.SECONDARY, Snapshots.NOW, "7.2.22", false));
        card.update(pair.side(Side.SECONDARY), Snapshots.NOW);
        assertThat(card.connectionDetailProperty().get()).isEmpty();
    }

    @Test
    void theStatusBarLineSaysConnectionHeartbeatAndRoundTrip() {
        assertThat(SideCardViewModel.statusLine(Snapshots.replicating().side(Side.PRIMARY)))
                .isEqualTo("Primary: connected, healthy (0.42 ms)");
    }

    @Test
    void aSideCarryingAClaimNamesItsHolderOnTheCardAndTheLineGoesWithTheClaim() {
        org.coloconsole.colo.Claim claim = new org.coloconsole.colo.Claim("ops-1", "alice", 4242,
                "2026-12-02T13:40:01Z", "n1");
        Snapshots claimed = Snapshots.replicating().apply(new org.coloconsole.colo.Observation.ClaimPolled(
                Side.SECONDARY, Snapshots.NOW, Optional.of(claim)));

        card.update(claimed.side(Side.SECONDARY), Snapshots.NOW);
        assertThat(card.claimProperty().get())
                .isEqualTo("Claimed by console pid 4242 of alice on ops-1 (since 2026-12-02T13:40:01Z)");

        card.update(claimed.apply(new org.coloconsole.colo.Observation.ClaimPolled(Side.SECONDARY, Snapshots.NOW,
                Optional.empty())).side(Side.SECONDARY), Snapshots.NOW);
        assertThat(card.claimProperty().get()).isEmpty();
    }

    @Test
    void theCardSaysWhatTheSideIsMadeOfAndWarnsOfAPartColoNeedsThatItLacks() {
        org.coloconsole.colo.Topology mirroredOnly = new org.coloconsole.colo.Topology(Optional.empty(),
                java.util.List.of(), java.util.List.of(), java.util.List.of(new org.coloconsole.colo.ProxyObject("m0",
                org.coloconsole.colo.Tag.of(org.coloconsole.colo.ProxyKind.class, "filter-mirror"),
                java.util.Map.of())), java.util.List.of());
        SideCardViewModel primary = new SideCardViewModel(Side.PRIMARY, ZoneOffset.UTC);

        primary.update(Snapshots.replicating().apply(new Observation.TopologyDiscovered(Side.PRIMARY, Snapshots.NOW,
                mirroredOnly)).side(Side.PRIMARY), Snapshots.NOW);

        assertThat(primary.topologyProperty().get()).isEqualTo("disk: none in COLO · network: mirrored, not compared");
        assertThat(primary.topologyWarningProperty().get()).isEqualTo("Lacks what COLO needs: the network is "
                + "mirrored but there is no colo-compare: output is not compared.");
    }

    @Test
    void theServiceIsGreenWhenTheProbeAnsweredRedWhenNotAndNeutralWithoutAProbe() {
        org.coloconsole.colo.ServiceProbe probe = org.coloconsole.colo.ServiceProbe.parse("tcp:127.0.0.1:8080")
                .orElseThrow();
        SideCardViewModel primary = new SideCardViewModel(Side.PRIMARY, ZoneOffset.UTC);
        primary.update(Snapshots.replicating().side(Side.PRIMARY), Snapshots.NOW);
        assertThat(primary.serviceProperty().get()).isEqualTo("not configured (no probe)");
        assertThat(primary.serviceToneProperty().get()).isEqualTo(org.coloconsole.ui.fx.Tone.NEUTRAL);

        Snapshots pair = Snapshots.replicating()
                .apply(new Observation.ProbeConfigured(Side.PRIMARY, Snapshots.NOW, Optional.of(probe)))
                .apply(new Observation.ServiceProbed(new org.coloconsole.colo.ProbeResult(Side.PRIMARY, Snapshots.NOW,
                        org.coloconsole.colo.ProbeResult.Outcome.PASSED, "connected", java.util.OptionalLong.empty(),
                        java.time.Duration.ofMillis(1))));
        primary.update(pair.side(Side.PRIMARY), Snapshots.NOW);
        assertThat(primary.serviceProperty().get()).isEqualTo("answers (connected) · checked 21:10:00");
        assertThat(primary.serviceProbeProperty().get()).isEqualTo("Probe: tcp:127.0.0.1:8080");
        assertThat(primary.serviceToneProperty().get()).isEqualTo(org.coloconsole.ui.fx.Tone.OK);

        pair.apply(new Observation.ServiceProbed(new org.coloconsole.colo.ProbeResult(Side.PRIMARY, Snapshots.NOW,
                org.coloconsole.colo.ProbeResult.Outcome.FAILED, "Connection refused", java.util.OptionalLong.empty(),
                java.time.Duration.ofMillis(1))));
        primary.update(pair.side(Side.PRIMARY), Snapshots.NOW);
        assertThat(primary.serviceProperty().get()).startsWith("no answer: Connection refused");
        assertThat(primary.serviceToneProperty().get()).isEqualTo(org.coloconsole.ui.fx.Tone.FAIL);
    }
}
