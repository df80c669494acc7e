package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SurvivorCleanupTest {
    private static final InterlockDecision FENCE = InterlockDecision.allow(true, "the other side answers");
    private static final InterlockDecision GONE = InterlockDecision.allow(false, "the other side is gone");

    @Test
    void continueOnPrimaryFollowsTheGuideAfterFencing() {
        List<FailoverStep> steps = FailoverPlan.plan(GONE, new FailoverRequest(Side.PRIMARY, false),
                FailoverPlan.Options.defaults(), GuideTopologies.primary());
        assertThat(lines(steps)).containsExactly(
                "yank primary",
                "x-blockdev-change primary {child=children.1, parent=colo-disk0}",
                "human-monitor-command primary {command-line=drive_del replication0}",
                "object-del primary {id=comp0}",
                "object-del primary {id=iothread1}",
                "object-del primary {id=m0}",
                "object-del primary {id=redire0}",
                "object-del primary {id=redire1}",
                "x-colo-lost-heartbeat primary {}",
                "query-colo-status primary {}");
    }

    @Test
    void promoteSecondaryClosesTheExportFirstAndTheRedirectorsAfterTheReFence() {
        List<FailoverStep> steps = FailoverPlan.plan(FENCE, new FailoverRequest(Side.SECONDARY, false),
                FailoverPlan.Options.defaults(), GuideTopologies.secondary());
        assertThat(lines(steps)).containsExactly(
                "stop primary {}",
                "yank secondary",
                "nbd-server-stop secondary {}",
                "x-colo-lost-heartbeat secondary {}",
                "stop primary {}",
                "object-del secondary {id=f2}",
                "object-del secondary {id=f1}",
                "chardev-remove secondary {id=red1}",
                "chardev-remove secondary {id=red0}",
                "query-colo-status secondary {}");
    }

    @Test
    void aSkeletonPairGetsExactlyTheFencingRunbook() {
        for (Side target : Side.values()) {
            for (InterlockDecision decision : List.of(FENCE, GONE)) {
                FailoverRequest request = new FailoverRequest(target, false);
                assertThat(FailoverPlan.plan(decision, request, FailoverPlan.Options.defaults(), Topology.empty()))
                        .isEqualTo(FailoverPlan.plan(decision, request, FailoverPlan.Options.defaults()));
            }
        }
    }

    @Test
    void aReRunAfterTheDetachDeletesTheLooseReplicationNodeAndTheRest() {
        Topology afterDetach = GuideTopologies.primary(false, true, true, true);
        Topology loose = new Topology(afterDetach.disk(), List.of("replication0"), afterDetach.exports(),
                afterDetach.proxy(), afterDetach.chardevs());
        assertThat(commands(SurvivorCleanup.beforeLostHeartbeat(Side.PRIMARY, loose))).containsExactly(
                "human-monitor-command", "object-del", "object-del", "object-del", "object-del", "object-del");
    }

    @Test
    void thePrimarysChardevsAndTheSecondarysRewriterAreLeftForReProtection() {
        List<FailoverStep> primary = SurvivorCleanup.beforeLostHeartbeat(Side.PRIMARY, GuideTopologies.primary());
        List<FailoverStep> secondary = SurvivorCleanup.afterLostHeartbeat(Side.SECONDARY, GuideTopologies.secondary());
        assertThat(primary).noneMatch(s -> s.kind() == FailoverStep.Kind.REMOVE_CHARDEV);
        assertThat(secondary).noneMatch(s -> s.arguments().containsValue("rew0"));
    }

    /** Whatever subset of the guide's parts a side has, each step names a part it has, and each part has its step. */
    @Property
    void stepsExactlyForThePartsPresent(@ForAll boolean replication, @ForAll boolean compare, @ForAll boolean mirror,
                                        @ForAll boolean redirectors, @ForAll boolean exported,
                                        @ForAll boolean secRedirectors, @ForAll boolean chardevs) {
        Topology primary = GuideTopologies.primary(replication, compare, mirror, redirectors);
        List<FailoverStep> p = SurvivorCleanup.beforeLostHeartbeat(Side.PRIMARY, primary);
        assertThat(p.stream().filter(s -> s.kind() == FailoverStep.Kind.DETACH_REPLICATION).count())
                .isEqualTo(replication ? 1 : 0);
        assertThat(p.stream().filter(s -> s.kind() == FailoverStep.Kind.DELETE_OBJECT).count())
                .isEqualTo((compare ? 2 : 0) + (mirror ? 1 : 0) + (redirectors ? 2 : 0));
        assertThat(SurvivorCleanup.afterLostHeartbeat(Side.PRIMARY, primary)).isEmpty();

        Topology secondary = GuideTopologies.secondary(exported, secRedirectors, chardevs);
        List<FailoverStep> before = SurvivorCleanup.beforeLostHeartbeat(Side.SECONDARY, secondary);
        List<FailoverStep> after = SurvivorCleanup.afterLostHeartbeat(Side.SECONDARY, secondary);
        assertThat(before).hasSize(exported ? 1 : 0);
        assertThat(after.stream().filter(s -> s.kind() == FailoverStep.Kind.DELETE_OBJECT).count())
                .isEqualTo(secRedirectors ? 2 : 0);
        assertThat(after.stream().filter(s -> s.kind() == FailoverStep.Kind.REMOVE_CHARDEV).count())
                .isEqualTo(secRedirectors && chardevs ? 2 : 0);
        assertThat(p).allMatch(s -> s.kind().dismantles() && s.side() == Side.PRIMARY);
        assertThat(after).allMatch(s -> s.kind().dismantles() && s.side() == Side.SECONDARY);
    }

    private static List<String> lines(List<FailoverStep> steps) {
        return steps.stream().map(s -> s.command() + " " + s.side().label()
                + (s.kind() == FailoverStep.Kind.YANK ? "" : " " + new java.util.TreeMap<>(s.arguments())))
                .collect(Collectors.toList());
    }

    private static List<String> commands(List<FailoverStep> steps) {
        return steps.stream().map(FailoverStep::command).collect(Collectors.toList());
    }

    @Test
    void summariesAndWarnings() {
        assertThat(GuideTopologies.primary().summary())
                .isEqualTo("disk: replicated via NBD to 127.0.0.1:9799 · network: compared");
        assertThat(GuideTopologies.secondary().summary())
                .isEqualTo("disk: replica, exported over NBD (parent0) · network: redirected from the primary, rewritten");
        assertThat(Topology.empty().summary()).isEqualTo("no disk, no network in COLO (RAM only)");
        assertThat(GuideTopologies.primary().warnings(Side.PRIMARY)).isEmpty();
        assertThat(GuideTopologies.secondary().warnings(Side.SECONDARY)).isEmpty();
        assertThat(Topology.empty().warnings(Side.PRIMARY)).isEmpty();
        assertThat(GuideTopologies.primary(false, false, true, true).warnings(Side.PRIMARY))
                .containsExactly(Topology.Warning.NO_REPLICATION_CHILD, Topology.Warning.NO_COLO_COMPARE);
        assertThat(GuideTopologies.secondary(false, true, false).warnings(Side.SECONDARY))
                .containsExactly(Topology.Warning.NO_NBD_EXPORT, Topology.Warning.MISSING_CHARDEV);
    }
}
