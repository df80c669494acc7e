package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.coloconsole.qmp.QemuVersion;
import org.junit.jupiter.api.Test;

/**
 * Protecting a plain pair from the start (issue 16, item 2): a primary that was never in COLO ({@code last-mode none})
 * is planned like a survivor, adding only what its command line left out and saying why each other part is skipped.
 */
class ProtectPlanTest {
    private static final QemuVersion V72 = new QemuVersion(7, 2, 22, "Debian 1:7.2+dfsg-7+deb12u18");
    private static final ReprotectOptions OPTIONS = new ReprotectOptions("127.0.0.1", 9899, "tcp:127.0.0.1:9898",
            "parent0", "127.0.0.1", 9801, 9802, Duration.ofSeconds(2));
    private static final List<String> OBJECTS = List.of("m0", "redire0", "redire1", "iothread1", "comp0");

    @Test
    void lastModeNoneIsNeverProtectedAndAnyOtherLastModeIsAfterAFailover() {
        assertThat(ProtectionHistory.of(Tag.of(ColoMode.class, "none"))).isEqualTo(ProtectionHistory.NEVER_PROTECTED);
        assertThat(ProtectionHistory.of(Tag.of(ColoMode.class, "primary"))).isEqualTo(ProtectionHistory.AFTER_FAILOVER);
        assertThat(ProtectionHistory.of(Tag.of(ColoMode.class, "secondary")))
                .isEqualTo(ProtectionHistory.AFTER_FAILOVER);
        assertThat(ProtectionHistory.of(Tag.of(ColoMode.class, "something-new")))
                .isEqualTo(ProtectionHistory.AFTER_FAILOVER);
        assertThat(ProtectionHistory.NEVER_PROTECTED.action()).isEqualTo("protect");
        assertThat(ProtectionHistory.AFTER_FAILOVER.action()).isEqualTo("restore protection");
    }

    @Test
    void aPlainPrimaryWithTheGuidesWholeCommandLineGetsOnlyTheDiskAndCOLOAndEveryPartItHasIsNamedAsSkipped() {
        ReprotectPlan.Outline outline = ReprotectPlan.outline(facts(plainPrimary(true, true, true), "none"),
                OPTIONS);
        assertThat(outline.history()).isEqualTo(ProtectionHistory.NEVER_PROTECTED);
        assertThat(outline.steps()).extracting(ReprotectStep::kind).doesNotContain(ReprotectStep.Kind.ADD_CHARDEV,
                ReprotectStep.Kind.ADD_OBJECT).contains(ReprotectStep.Kind.MIRROR,
                ReprotectStep.Kind.ATTACH_REPLICATION, ReprotectStep.Kind.MIGRATE);
        assertThat(outline.skipped()).extracting(ReprotectPlan.Skipped::sentence).contains(
                "The chardev mirror0 is there already (from its command line): not added.",
                "colo-compare comp0 is there already (from its command line): not added again.");
        assertThat(outline.skipped()).hasSize(6 + 5);
        assertThat(outline.steps()).extracting(ReprotectStep::sentence).noneMatch(s -> s.contains("survivor"))
                .contains("Start COLO: migrate the primary to the secondary.");
    }

    /**
     * Whichever proxy objects the plain primary was started with, each is either added once or skipped with its
     * reason, never both; no chardev is added (the guide's primary command line has them all); and the commands are
     * those a survivor of a failover with the same parts would get: the history changes only the words.
     */
    @Property
    void everyProxyObjectIsAddedOrSkippedExactlyOnceAndTheHistoryChangesOnlyTheWords(
            @ForAll boolean compare, @ForAll boolean mirror, @ForAll boolean redirectors) {
        Topology primary = plainPrimary(compare, mirror, redirectors);
        ReprotectPlan.Outline outline = ReprotectPlan.outline(facts(primary, "none"), OPTIONS);
        List<String> present = primary.proxy().stream().map(ProxyObject::id).collect(Collectors.toList());
        List<Object> added = outline.steps().stream().filter(s -> s.kind() == ReprotectStep.Kind.ADD_OBJECT)
                .map(s -> s.arguments().get("id")).collect(Collectors.toList());
        List<String> skippedObjects = outline.skipped().stream()
                .filter(s -> s.kind() == ReprotectStep.Kind.ADD_OBJECT)
                .map(s -> s.sentence().split(" ")[1]).collect(Collectors.toList());
        assertThat(added).doesNotHaveDuplicates().noneMatch(present::contains);
        assertThat(skippedObjects).containsExactlyInAnyOrderElementsOf(present);
        assertThat(added.size() + skippedObjects.size()).isEqualTo(OBJECTS.size());
        assertThat(outline.steps()).noneMatch(s -> s.kind() == ReprotectStep.Kind.ADD_CHARDEV);
        assertThat(outline.skipped()).allMatch(s -> s.sentence().contains("from its command line")
                || s.kind() != ReprotectStep.Kind.ADD_OBJECT && s.kind() != ReprotectStep.Kind.ADD_CHARDEV);

        ReprotectPlan.Outline afterFailover = ReprotectPlan.outline(facts(primary, "primary"), OPTIONS);
        assertThat(afterFailover.history()).isEqualTo(ProtectionHistory.AFTER_FAILOVER);
        assertThat(commands(afterFailover.steps())).isEqualTo(commands(outline.steps()));
    }

    private static List<String> commands(List<ReprotectStep> steps) {
        return steps.stream().map(s -> s.kind() + " " + s.side() + " " + s.command() + " " + s.arguments())
                .collect(Collectors.toList());
    }

    private static ReprotectFacts facts(Topology primary, String lastMode) {
        return new ReprotectFacts(primary, V72, Tag.of(ColoMode.class, "none"), Tag.of(RunState.class, "running"),
                newSecondary(), V72, Tag.of(ColoMode.class, "none"), Tag.of(RunState.class, "inmigrate"),
                List.of("colo-disk0", "parent0", "childs0"), Tag.of(ColoMode.class, lastMode));
    }

    /** The guide's primary command line, never in COLO: one disk child, all chardevs, the objects given. */
    private static Topology plainPrimary(boolean compare, boolean mirror, boolean redirectors) {
        Topology guide = GuideTopologies.primary(false, compare, mirror, redirectors);
        Map<String, Integer> ports = Map.of("mirror0", 9703, "compare1", 9704, "compare0", 9701, "compare0-0", 9701,
                "compare_out", 9705, "compare_out0", 9705);
        List<SocketChardev> chardevs = new ArrayList<>();
        for (SocketChardev c : guide.chardevs()) {
            chardevs.add(new SocketChardev(c.label(), Optional.of("tcp:127.0.0.1:" + ports.get(c.label())), true));
        }
        return new Topology(guide.disk(), List.of(), List.of(), guide.proxy(), chardevs);
    }

    private static Topology newSecondary() {
        Topology guide = GuideTopologies.secondary(false, true, false);
        List<SocketChardev> chardevs = List.of(
                new SocketChardev("red0", Optional.of("tcp:127.0.0.1:9703"), false),
                new SocketChardev("red1", Optional.of("tcp:127.0.0.1:9704"), false));
        return new Topology(guide.disk(), List.of(), List.of(), guide.proxy(), chardevs);
    }
}
