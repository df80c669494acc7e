package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.coloconsole.qmp.QemuVersion;
import org.junit.jupiter.api.Test;

/** Restoring protection, planned from both sides' topology (docs/colo-full-pair.md, "Resume replication"). */
class ReprotectPlanTest {
    private static final QemuVersion V72 = new QemuVersion(7, 2, 22, "Debian 1:7.2+dfsg-7+deb12u18");
    private static final ReprotectOptions OPTIONS = new ReprotectOptions("127.0.0.1", 9899, "tcp:127.0.0.1:9898",
            "parent0", "127.0.0.1", 9801, 9802, Duration.ofSeconds(2));

    @Test
    void afterContinuingOnThePrimaryOnlyTheDiskAndTheProxyObjectsComeBackAndTheWindowHoldsOnlyWhatMust() {
        List<ReprotectStep> steps = ReprotectPlan.plan(facts(formerPrimary(), newSecondary()), OPTIONS);
        assertThat(lines(steps)).containsExactly(
                "migrate-set-capabilities secondary",
                "nbd-server-start secondary",
                "nbd-server-add secondary",
                "drive-mirror primary",
                "query-jobs primary",
                "migrate-incoming secondary",
                "migrate-set-capabilities primary",
                "migrate-set-parameters primary",
                "stop primary",
                "block-job-cancel primary",
                "query-jobs primary",
                "human-monitor-command primary",
                "x-blockdev-change primary",
                "object-add primary m0",
                "object-add primary redire0",
                "object-add primary redire1",
                "object-add primary iothread1",
                "object-add primary comp0",
                "migrate primary",
                "query-colo-status primary",
                "query-colo-status primary");
        assertThat(steps.get(3).arguments()).containsEntry("target", "nbd://127.0.0.1:9899/parent0")
                .containsEntry("device", "colo-disk0").containsEntry("sync", "full").containsEntry("mode", "existing");
        assertThat(steps.get(11).arguments().get("command-line").toString())
                .contains("file.port=9899", "file.export=parent0", "node-name=replication0");
        assertThat(steps.stream().filter(s -> s.kind() == ReprotectStep.Kind.ADD_OBJECT)
                .map(s -> s.arguments().containsKey("insert"))).containsOnly(false);
    }

    @Test
    void aFormerSecondaryGetsThePrimarysChardevsServersFirstAndItsFiltersBeforeItsRewriter() {
        List<ReprotectStep> steps = ReprotectPlan.plan(facts(formerSecondary(), newSecondary()), OPTIONS);
        List<ReprotectStep> chardevs = steps.stream().filter(s -> s.kind() == ReprotectStep.Kind.ADD_CHARDEV)
                .collect(Collectors.toList());
        assertThat(chardevs).extracting(s -> s.arguments().get("id")).containsExactly("mirror0", "compare1",
                "compare0", "compare0-0", "compare_out", "compare_out0");
        assertThat(chardevs.get(0).arguments().toString()).contains("port=9703", "server=true");
        assertThat(chardevs.get(1).arguments().toString()).contains("port=9704", "server=true");
        assertThat(chardevs.get(3).arguments().toString()).contains("port=9801", "server=false");
        assertThat(chardevs.get(5).arguments().toString()).contains("port=9802", "server=false");
        assertThat(steps.stream().filter(s -> s.kind() == ReprotectStep.Kind.ADD_OBJECT
                        && s.arguments().get("qom-type").toString().startsWith("filter-"))
                .map(s -> s.arguments().get("insert") + " " + s.arguments().get("position")))
                .containsExactly("before id=rew0", "before id=rew0", "before id=rew0");
    }

    @Test
    void aLooseReplicationNodeOfTheGuidesNameIsNotReused() {
        Topology survivor = formerPrimary();
        Topology withLoose = new Topology(survivor.disk(), List.of("replication0"), survivor.exports(),
                survivor.proxy(), survivor.chardevs());
        List<ReprotectStep> steps = ReprotectPlan.plan(facts(withLoose, newSecondary()), OPTIONS);
        assertThat(steps).filteredOn(s -> s.kind() == ReprotectStep.Kind.ATTACH_REPLICATION)
                .extracting(s -> s.arguments().get("node")).containsExactly("replication1");
    }

    @Test
    void theCheckRefusesANewSideInCOLOOrRunningOrOnAnotherQemuOrWiredToOtherPorts() {
        ReprotectFacts good = facts(formerPrimary(), newSecondary());
        assertThat(ReprotectCheck.problems(good, OPTIONS)).isEmpty();
        ReprotectFacts bad = new ReprotectFacts(good.survivor(), good.survivorVersion(), good.survivorMode(),
                good.survivorRun(), newSecondaryWiredTo(9703, 9999), new QemuVersion(8, 2, 0, ""),
                new Tag<>(ColoMode.SECONDARY, "secondary"), new Tag<>(RunState.RUNNING, "running"),
                List.of("colo-disk0"));
        assertThat(ReprotectCheck.problems(bad, OPTIONS)).extracting(ReprotectCheck.Problem::kind).containsExactly(
                ReprotectCheck.Kind.NEW_SIDE_IN_COLO, ReprotectCheck.Kind.NEW_SIDE_NOT_WAITING,
                ReprotectCheck.Kind.VERSION_MISMATCH, ReprotectCheck.Kind.NEW_SIDE_NO_EXPORT_DRIVE,
                ReprotectCheck.Kind.CHARDEV_PORT_MISMATCH);
        assertThatThrownBy(() -> ReprotectPlan.plan(bad, OPTIONS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCheckRefusesASurvivorThatIsStillInCOLOOrStillReplicating() {
        Topology replicating = GuideTopologies.primary(true, false, false, false);
        ReprotectFacts good = facts(new Topology(replicating.disk(), List.of(), List.of(), List.of(),
                formerPrimary().chardevs()), newSecondary());
        ReprotectFacts bad = new ReprotectFacts(good.survivor(), good.survivorVersion(),
                new Tag<>(ColoMode.PRIMARY, "primary"), new Tag<>(RunState.PAUSED, "paused"), good.fresh(),
                good.freshVersion(), good.freshMode(), good.freshRun(), good.freshDrives());
        assertThat(ReprotectCheck.problems(bad, OPTIONS)).extracting(ReprotectCheck.Problem::kind).containsExactly(
                ReprotectCheck.Kind.SURVIVOR_IN_COLO, ReprotectCheck.Kind.SURVIVOR_NOT_RUNNING,
                ReprotectCheck.Kind.SURVIVOR_STILL_REPLICATING);
    }

    @Test
    void theUndoTakesBackWhatItFindsLeavesCOLOAndEndsByRunningTheGuest() {
        List<ReprotectStep> undo = ReprotectPlan.undo(GuideTopologies.primary(true, true, true, false),
                new Tag<>(ColoMode.PRIMARY, "primary"), true, List.of("mirror0", "compare1"), true);
        assertThat(undo).extracting(s -> s.command() + " " + s.side().label() + " " + new TreeMap<>(s.arguments()))
                .containsExactly(
                "block-job-cancel primary {device=resync, force=true}",
                "x-blockdev-change primary {child=children.1, parent=colo-disk0}",
                "human-monitor-command primary {command-line=drive_del replication0}",
                "object-del primary {id=comp0}",
                "object-del primary {id=iothread1}",
                "object-del primary {id=m0}",
                "x-colo-lost-heartbeat primary {}",
                "migrate-set-capabilities primary {capabilities=[{capability=x-colo, state=false}]}",
                "chardev-remove primary {id=compare1}",
                "chardev-remove primary {id=mirror0}",
                "nbd-server-stop secondary {}",
                "cont primary {}");
    }

    @Test
    void theExpectedCommandLineNamesTheSurvivorsPortsAndPlaceholdersOnlyForWhatItCannotKnow() {
        String expected = String.join("\n", ReprotectPlan.expectedSecondary(formerPrimary()));
        assertThat(expected).contains("id=red0,host=127.0.0.1,port=9703,reconnect=1",
                "id=red1,host=127.0.0.1,port=9704,reconnect=1", "-incoming defer", "top-id=colo-disk0",
                "id=colo-disk0,driver=quorum").doesNotContain("<MIRROR-PORT>");
        assertThat(String.join("\n", ReprotectPlan.expectedSecondary(formerSecondary())))
                .contains("<MIRROR-PORT>", "netdev=hn0");
    }

    /** Whatever part of the proxy a half-done run left on the survivor, the window holds only what must. */
    @Property
    void theGuestIsStoppedOnlyAfterTheCopyIsReadyAndNothingOutsideTheWindowRunsInIt(
            @ForAll boolean formerSecondary, @ForAll boolean mirror, @ForAll boolean compare,
            @ForAll boolean redirectors) {
        Topology base = formerSecondary ? formerSecondary() : formerPrimary();
        List<ProxyObject> proxy = new ArrayList<>(base.proxy());
        Topology leftovers = GuideTopologies.primary(false, compare, mirror, redirectors);
        proxy.addAll(leftovers.proxy());
        Topology survivor = new Topology(base.disk(), List.of(), List.of(), proxy, base.chardevs());
        List<ReprotectStep> steps = ReprotectPlan.plan(facts(survivor, newSecondary()), OPTIONS);
        List<ReprotectStep.Kind> kinds = steps.stream().map(ReprotectStep::kind).collect(Collectors.toList());
        int stop = kinds.indexOf(ReprotectStep.Kind.STOP_GUEST);
        int migrate = kinds.indexOf(ReprotectStep.Kind.MIGRATE);
        assertThat(kinds.indexOf(ReprotectStep.Kind.AWAIT_MIRROR_READY)).isBetween(0, stop);
        assertThat(kinds.indexOf(ReprotectStep.Kind.INCOMING)).isLessThan(stop);
        assertThat(kinds.subList(stop + 1, migrate)).allMatch(k -> k == ReprotectStep.Kind.CANCEL_MIRROR
                || k == ReprotectStep.Kind.AWAIT_MIRROR_GONE || k == ReprotectStep.Kind.ADD_REPLICATION_NODE
                || k == ReprotectStep.Kind.ATTACH_REPLICATION || k == ReprotectStep.Kind.ADD_OBJECT);
        List<Object> added = steps.stream().filter(s -> s.kind() == ReprotectStep.Kind.ADD_OBJECT)
                .map(s -> s.arguments().get("id")).collect(Collectors.toList());
        List<String> present = survivor.proxy().stream().map(ProxyObject::id).collect(Collectors.toList());
        assertThat(added).noneMatch(present::contains);
        assertThat(added.size() + survivor.objects(ProxyKind.COLO_COMPARE).size()
                + survivor.objects(ProxyKind.IOTHREAD).size() + survivor.objects(ProxyKind.FILTER_MIRROR).size()
                + survivor.objects(ProxyKind.FILTER_REDIRECTOR).size()).isEqualTo(5);
    }

    @Property
    void theUndoAlwaysEndsWithTheGuestRunning(@ForAll boolean replication, @ForAll boolean compare,
                                              @ForAll boolean inColo, @ForAll boolean job, @ForAll boolean nbd) {
        List<ReprotectStep> undo = ReprotectPlan.undo(GuideTopologies.primary(replication, compare, false, false),
                inColo ? new Tag<>(ColoMode.PRIMARY, "primary") : new Tag<>(ColoMode.NONE, "none"), job, List.of(),
                nbd);
        assertThat(undo.get(undo.size() - 1).command()).isEqualTo("cont");
        assertThat(undo).allMatch(s -> s.kind().undoes() || s.command().equals("block-job-cancel")
                || s.kind() == ReprotectStep.Kind.UNDO_PART);
    }

    private static List<String> lines(List<ReprotectStep> steps) {
        return steps.stream().map(s -> s.command() + " " + s.side().label()
                        + (s.kind() == ReprotectStep.Kind.ADD_OBJECT ? " " + s.arguments().get("id") : ""))
                .collect(Collectors.toList());
    }

    private static ReprotectFacts facts(Topology survivor, Topology fresh) {
        return new ReprotectFacts(survivor, V72, new Tag<>(ColoMode.NONE, "none"), new Tag<>(RunState.RUNNING,
                "running"), fresh, V72, new Tag<>(ColoMode.NONE, "none"), new Tag<>(RunState.INMIGRATE,
                "inmigrate"), List.of("colo-disk0", "parent0", "childs0"));
    }

    /** A primary after the guide's primary failover: disk without replication child, no objects, chardevs kept. */
    private static Topology formerPrimary() {
        Topology after = GuideTopologies.primary(false, false, false, false);
        List<SocketChardev> chardevs = new ArrayList<>();
        Map<String, Integer> ports = Map.of("mirror0", 9703, "compare1", 9704, "compare0", 9701, "compare0-0", 9701,
                "compare_out", 9705, "compare_out0", 9705);
        for (SocketChardev c : after.chardevs()) {
            chardevs.add(new SocketChardev(c.label(), Optional.of("tcp:127.0.0.1:" + ports.get(c.label())), true));
        }
        return new Topology(after.disk(), List.of(), List.of(), List.of(), chardevs);
    }

    /** A secondary after the guide's secondary failover: no export, no redirectors, no chardevs; the rewriter stays. */
    private static Topology formerSecondary() {
        return GuideTopologies.secondary(false, false, false);
    }

    private static Topology newSecondary() {
        return newSecondaryWiredTo(9703, 9704);
    }

    private static Topology newSecondaryWiredTo(int mirrorPort, int comparePort) {
        Topology guide = GuideTopologies.secondary(false, true, false);
        List<SocketChardev> chardevs = List.of(
                new SocketChardev("red0", Optional.of("tcp:127.0.0.1:" + mirrorPort), false),
                new SocketChardev("red1", Optional.of("tcp:127.0.0.1:" + comparePort), false));
        return new Topology(guide.disk(), List.of(), List.of(), guide.proxy(), chardevs);
    }
}
