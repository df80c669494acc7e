package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.colo.ColoExitReason;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.Tag;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.ui.fx.Tone;
import org.junit.jupiter.api.Test;

/** Issue 18's names and replication figures, decided in the view models (no Stage). */
class NamesAndFiguresTest {
    private static final Duration DELAY = Duration.ofSeconds(2);
    private final SideCardViewModel card = new SideCardViewModel(Side.PRIMARY, ZoneOffset.UTC);

    /** A replicating pair whose primary is named and has checkpointed every 2 s for a minute and a half. */
    private static Snapshots checkpointing() {
        Snapshots pair = Snapshots.replicating();
        Instant start = Snapshots.NOW.minusSeconds(90);
        for (Side side : Side.values()) {
            pair.apply(new Observation.CheckpointDelayPolled(side, start, DELAY));
            pair.apply(new Observation.NamePolled(side, start, Optional.of("colo-" + side.label())));
        }
        for (Instant t = start; !t.isAfter(Snapshots.NOW.minusMillis(800)); t = t.plus(DELAY)) {
            for (Side side : Side.values()) {
                pair.apply(new Observation.Stopped(side, t));
                pair.apply(new Observation.Resumed(side, t));
            }
        }
        return pair;
    }

    @Test
    void aHealthyCardNamesItsHostAndVmShowsItsFiguresAndHidesTheNoise() {
        Snapshots pair = checkpointing();
        card.update(pair.side(Side.PRIMARY), Optional.of(DELAY), Snapshots.NOW);

        assertThat(card.hostProperty().get()).isEqualTo("this machine · VM colo-primary");
        assertThat(card.replicationProperty().get()).isEqualTo("every 2.00 s · last 2.0 s ago · 29/min");
        assertThat(card.coloDetailProperty().get()).as("last mode none · reason none is noise").isEmpty();
        assertThat(card.staleProperty().get()).isFalse();
        assertThat(card.staleNoteProperty().get()).isEmpty();
        assertThat(card.stateProperty().get()).isEqualTo(CardState.HEALTHY);
    }

    @Test
    void aLostSideLooksStaleAndSaysSinceWhen() {
        card.update(checkpointing().lost(Side.PRIMARY).side(Side.PRIMARY), Optional.of(DELAY), Snapshots.NOW);
        assertThat(card.staleProperty().get()).isTrue();
        assertThat(card.staleNoteProperty().get()).matches("Last known at \\d\\d:\\d\\d:\\d\\d: the facts below may have changed since\\.");
        assertThat(card.stateProperty().get()).isEqualTo(CardState.LOST);
    }

    @Test
    void theSurvivorRunsAloneAndTheFencedSideIsFencedNotExited() {
        Snapshots pair = checkpointing();
        Instant t = Snapshots.NOW;
        pair.apply(new Observation.FailoverStarted(Side.SECONDARY, t));
        pair.apply(new Observation.Fenced(Side.PRIMARY, t, "stop"));
        pair.apply(new Observation.ColoExit(Side.SECONDARY, t, Tag.of(ColoMode.class, "secondary"),
                Tag.of(ColoExitReason.class, "request"), Optional.empty(), org.coloconsole.qmp.QmpTimestamp.UNKNOWN, "{}"));
        pair.apply(new Observation.Resumed(Side.SECONDARY, t));
        pair.apply(new Observation.FailoverSucceeded(Side.SECONDARY, t));

        SideCardViewModel secondary = new SideCardViewModel(Side.SECONDARY, ZoneOffset.UTC);
        secondary.update(pair.side(Side.SECONDARY), Optional.of(DELAY), t);
        assertThat(secondary.stateProperty().get()).isEqualTo(CardState.RUNS_ALONE);
        assertThat(CardState.RUNS_ALONE.label()).isEqualTo("RUNS ALONE");
        assertThat(CardState.RUNS_ALONE.pseudoClass().getPseudoClassName()).isEqualTo("runs-alone");
        assertThat(secondary.replicationProperty().get()).isEqualTo("none: it left COLO and runs alone");
        card.update(pair.side(Side.PRIMARY), Optional.of(DELAY), t);
        assertThat(card.stateProperty().get()).isEqualTo(CardState.FENCED);
    }

    @Test
    void theBannerCarriesThePairsNameAndFigures() {
        BannerViewModel banner = new BannerViewModel("db-pair");
        PairSnapshot snapshot = checkpointing().recommendedByTheEngine();
        banner.update(snapshot);
        assertThat(banner.pairNameProperty().get()).isEqualTo("db-pair");
        assertThat(banner.replicationProperty().get())
                .isEqualTo("Replication: checkpoint every 2.00 s · last 2.0 s ago · 29 in the last minute");
        assertThat(banner.asText()).startsWith("db-pair: ").contains("Replication: checkpoint every 2.00 s");
    }

    @Test
    void splitBrainIsTheLoudestState() {
        BannerViewModel banner = new BannerViewModel("db-pair");
        banner.update(new Recommendation(Recommendation.Kind.SPLIT_BRAIN, Optional.empty(), "Split brain: …",
                java.util.List.of(), false), org.coloconsole.colo.FailoverProgress.none(Snapshots.NOW));
        assertThat(banner.verdictProperty().get()).isEqualTo("SPLIT BRAIN");
        assertThat(banner.toneProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(banner.criticalProperty().get()).isTrue();
        banner.update(new Recommendation(Recommendation.Kind.PROMOTE_SECONDARY, Optional.of(Side.SECONDARY), "Act.",
                java.util.List.of(), false), org.coloconsole.colo.FailoverProgress.none(Snapshots.NOW));
        assertThat(banner.criticalProperty().get()).as("red, but not the loudest").isFalse();
    }

    @Test
    void aPairWithoutAProfileIsNamedAfterItsHostsOrItsSocketsDirectory() {
        assertThat(PairNames.derived(new PairEndpoints(new Endpoint.Tls("db-a.example", 4444),
                new Endpoint.Tls("db-b.example", 4444)))).isEqualTo("db-a.example ⇄ db-b.example");
        assertThat(PairNames.derived(new PairEndpoints(new Endpoint.Unix(java.nio.file.Path.of("/run/colo/web/p.sock")),
                new Endpoint.Unix(java.nio.file.Path.of("/run/colo/web/s.sock"))))).isEqualTo("web");
        assertThat(PairNames.host("tcp:[::1]:4444")).isEqualTo("::1");
        assertThat(PairNames.host("tls:db-b.example:4444")).isEqualTo("db-b.example");
    }

    @Test
    void theConfirmationNamesThePairAndTheVm() {
        Snapshots pair = checkpointing().lost(Side.PRIMARY);
        FailoverViewModel failover = new FailoverViewModel(new ScriptedFailoverPort(), Runnable::run, "db-pair");
        failover.update(pair.recommendedByTheEngine());
        Confirmation c = failover.confirmation(Side.SECONDARY).orElseThrow();
        assertThat(c.title()).isEqualTo("Pair db-pair: promote the secondary (VM colo-secondary, "
                + "unix:/run/lab/secondary-console.sock)?");
    }
}
