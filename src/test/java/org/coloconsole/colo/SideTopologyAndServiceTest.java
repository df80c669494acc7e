package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A side's topology and service probe are observations like any other: reduced into its state, with one rule each for
 * what the card warns of ({@link SideState#topologyWarnings()}) and what it says of the service
 * ({@link ServiceStatus}).
 */
class SideTopologyAndServiceTest {
    private static final Instant T = Instant.parse("2026-12-02T13:00:00Z");
    private static final ServiceProbe HTTP = ServiceProbe.parse("http://127.0.0.1:38009/cgi-bin/status").orElseThrow();
    private final PairReducer reducer = new PairReducer(HeartbeatPolicy.defaults());

    private PairState replicating(Optional<ServiceProbe> probe) {
        PairState s = PairState.initial("unix:/p.sock", "unix:/s.sock", T);
        for (Side side : Side.values()) {
            s = reducer.reduce(s, new Observation.ProbeConfigured(side, T, probe));
            s = reducer.reduce(s, new Observation.Connected(side, T, "7.2.22", false));
            s = reducer.reduce(s, new Observation.StatusPolled(side, T, true, "running"));
            s = reducer.reduce(s, new Observation.ColoStatusPolled(side, T, Tag.of(ColoMode.class, side.label()),
                    Optional.empty(), ColoExitReason.NONE_TAG));
            s = reducer.reduce(s, new Observation.Resynced(side, T));
        }
        return s;
    }

    private static ProbeResult result(Side side, ProbeResult.Outcome outcome, String sentence) {
        return new ProbeResult(side, T.plusSeconds(1), outcome, sentence, OptionalLong.of(42), Duration.ofMillis(12));
    }

    @Test
    void aDiscoveredTopologyIsReducedIntoTheSideAndTheGuidePairLacksNothing() {
        PairState s = replicating(Optional.empty());
        s = reducer.reduce(s, new Observation.TopologyDiscovered(Side.PRIMARY, T, GuideTopologies.primary()));
        s = reducer.reduce(s, new Observation.TopologyDiscovered(Side.SECONDARY, T, GuideTopologies.secondary()));

        assertThat(s.primary().topology()).contains(GuideTopologies.primary());
        assertThat(s.primary().topology().orElseThrow().summary())
                .isEqualTo("disk: replicated via NBD to 127.0.0.1:9799 · network: compared");
        assertThat(s.primary().topologyWarnings()).isEmpty();
        assertThat(s.secondary().topologyWarnings()).isEmpty();
    }

    @Test
    void aReplicatingSideWithoutAPartColoNeedsIsWarnedOfForTheRoleItPlays() {
        PairState s = replicating(Optional.empty());
        s = reducer.reduce(s, new Observation.TopologyDiscovered(Side.PRIMARY, T,
                GuideTopologies.primary(false, false, true, true)));
        s = reducer.reduce(s, new Observation.TopologyDiscovered(Side.SECONDARY, T,
                GuideTopologies.secondary(false, true, true)));

        assertThat(s.primary().topologyWarnings())
                .containsExactly(Topology.Warning.NO_REPLICATION_CHILD, Topology.Warning.NO_COLO_COMPARE);
        assertThat(s.secondary().topologyWarnings()).containsExactly(Topology.Warning.NO_NBD_EXPORT);
    }

    @Test
    void aSurvivorThatRunsAloneLacksNothing() {
        PairState s = replicating(Optional.empty());
        s = reducer.reduce(s, new Observation.ColoExit(Side.PRIMARY, T, Tag.of(ColoMode.class, "primary"),
                Tag.of(ColoExitReason.class, "request"), Optional.empty(), org.coloconsole.qmp.QmpTimestamp.UNKNOWN, "{}"));
        // what the guide's primary failover leaves: no replication child, no compare, no filters
        s = reducer.reduce(s, new Observation.TopologyDiscovered(Side.PRIMARY, T,
                GuideTopologies.primary(false, false, false, false)));

        assertThat(s.primary().tookOver()).isTrue();
        assertThat(s.primary().topologyWarnings()).isEmpty();
    }

    @Test
    void withoutAProbeTheServiceIsNotConfiguredAndNeverProbed() {
        SideState primary = replicating(Optional.empty()).primary();

        assertThat(ServiceStatus.of(primary).kind()).isEqualTo(ServiceStatus.Kind.NOT_CONFIGURED);
        assertThat(ServiceStatus.shouldProbe(primary)).isFalse();
    }

    @Test
    void theLastProbeResultIsTheVerdictGreenOrRed() {
        PairState s = replicating(Optional.of(HTTP));
        assertThat(ServiceStatus.of(s.primary()).kind()).isEqualTo(ServiceStatus.Kind.NOT_PROBED_YET);

        s = reducer.reduce(s, new Observation.ServiceProbed(result(Side.PRIMARY, ProbeResult.Outcome.PASSED,
                "HTTP 200")));
        ServiceStatus answers = ServiceStatus.of(s.primary());
        assertThat(answers.kind()).isEqualTo(ServiceStatus.Kind.ANSWERS);
        assertThat(answers.sentence()).isEqualTo("answers (HTTP 200, disk 42)");
        assertThat(answers.where()).contains(HTTP.text());

        s = reducer.reduce(s, new Observation.ServiceProbed(result(Side.PRIMARY, ProbeResult.Outcome.FAILED,
                "Connection refused")));
        ServiceStatus fails = ServiceStatus.of(s.primary());
        assertThat(fails.kind()).isEqualTo(ServiceStatus.Kind.FAILS);
        assertThat(fails.sentence()).isEqualTo("no answer: Connection refused");
    }

    @Test
    void aResultForASideWithoutAProbeIsDropped() {
        PairState s = replicating(Optional.empty());
        PairState after = reducer.reduce(s, new Observation.ServiceProbed(result(Side.PRIMARY,
                ProbeResult.Outcome.PASSED, "HTTP 200")));

        assertThat(after.primary().service().last()).isEmpty();
    }

    @Test
    void theColoSecondaryIsNotProbedItsGuestAnswersThroughThePrimary() {
        PairState s = replicating(Optional.of(HTTP));

        assertThat(ServiceStatus.shouldProbe(s.secondary())).isFalse();
        assertThat(ServiceStatus.of(s.secondary()).kind()).isEqualTo(ServiceStatus.Kind.NOT_EXPECTED);
        assertThat(ServiceStatus.shouldProbe(s.primary())).isTrue();
    }

    @Test
    void aSecondaryThatTookOverIsProbed() {
        PairState s = replicating(Optional.of(HTTP));
        s = reducer.reduce(s, new Observation.ColoExit(Side.SECONDARY, T, Tag.of(ColoMode.class, "secondary"),
                Tag.of(ColoExitReason.class, "request"), Optional.empty(), org.coloconsole.qmp.QmpTimestamp.UNKNOWN, "{}"));

        assertThat(ServiceStatus.shouldProbe(s.secondary())).isTrue();
        assertThat(ServiceStatus.of(s.secondary()).kind()).isEqualTo(ServiceStatus.Kind.NOT_PROBED_YET);
    }

    /** Whatever was observed, a side still replicating as the secondary is never probed, and green needs a pass. */
    @Property(tries = 300)
    void aReplicatingSecondaryIsNeverProbedAndGreenMeansTheLastProbePassed(
            @ForAll("observations") java.util.List<Observation> observations) {
        PairState s = replicating(Optional.of(HTTP));
        for (Observation o : observations) {
            s = reducer.reduce(s, o);
            for (Side side : Side.values()) {
                SideState state = s.side(side);
                if (state.checkpointing() && state.coloMode().is(ColoMode.SECONDARY)) {
                    assertThat(ServiceStatus.shouldProbe(state)).isFalse();
                }
                if (ServiceStatus.of(state).kind() == ServiceStatus.Kind.ANSWERS) {
                    assertThat(state.service().last().orElseThrow().passed()).isTrue();
                }
            }
        }
    }

    @Provide
    Arbitrary<java.util.List<Observation>> observations() {
        Arbitrary<Side> side = Arbitraries.of(Side.values());
        Arbitrary<Observation> one = Arbitraries.oneOf(
                side.map(x -> new Observation.ServiceProbed(result(x, ProbeResult.Outcome.PASSED, "HTTP 200"))),
                side.map(x -> new Observation.ServiceProbed(result(x, ProbeResult.Outcome.FAILED, "refused"))),
                side.map(x -> new Observation.ColoExit(x, T, Tag.of(ColoMode.class, x.label()),
                        Tag.of(ColoExitReason.class, "request"), Optional.empty(),
                        org.coloconsole.qmp.QmpTimestamp.UNKNOWN, "{}")),
                side.map(x -> new Observation.ColoExit(x, T, Tag.of(ColoMode.class, x.label()),
                        Tag.of(ColoExitReason.class, "error"), Optional.empty(),
                        org.coloconsole.qmp.QmpTimestamp.UNKNOWN, "{}")),
                side.map(x -> new Observation.Lost(x, T, "socket closed")),
                side.map(x -> new Observation.Fenced(x, T, "stop")),
                side.map(x -> new Observation.TopologyDiscovered(x, T, GuideTopologies.secondary())));
        return one.list().ofMaxSize(12);
    }
}
