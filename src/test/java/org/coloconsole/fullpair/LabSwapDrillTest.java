package org.coloconsole.fullpair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.coloconsole.app.cli.LabDrill;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.SwitchoverPlan;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.engine.Reprotection;
import org.coloconsole.engine.Switchover;
import org.coloconsole.engine.SwitchoverOutcome;
import org.coloconsole.journal.JournalReader;
import org.coloconsole.journal.JournalRecord;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.GuestPage;
import org.coloconsole.testing.LabTiming;
import org.coloconsole.testing.TestClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test failover drill on the full lab pair (docs/colo-full-pair.md, "Swapping roles from the console"): roles
 * swapped and swapped back, each swap ending protected with the COLO modes in the expected slots, the guest serving
 * throughout, the journal holding the swap's intent and phases; and a second swap while one runs is refused.
 */
class LabSwapDrillTest {
    private static final Duration SERVICE = LabTiming.bound(Duration.ofSeconds(60));
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    @Test
    void theDrillSwapsRolesAndBackProtectedWithTheGuestServingAndASecondSwapMeanwhileIsRefused() throws Exception {
        Path journalDir = temp.resolve("journal");
        StringWriter printed = new StringWriter();
        try (LabPair pair = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL)
                .withRunDir(temp.resolve("lab")).withStartTimeout(LabTiming.bound(Duration.ofSeconds(40)))
                .withCheckpointDelay(LabTiming.checkpointDelay(Duration.ofSeconds(2))));
             AuditTrail journal = JournalAuditTrail.open(journalDir)) {
            long before = awaitDisk(pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow());
            LabDrill drill = new LabDrill(() -> journal, TestClaims.thisProcess(), new PrintWriter(printed, true), false);
            String load = loadAverage();

            CompletableFuture<SwitchoverOutcome> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return drill.swap(pair, LabSide.PRIMARY, journal, 1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitPrinted(printed, "Phase: promote the secondary");
            SwitchoverOutcome second = secondSwapOf(pair, journal);
            SwitchoverOutcome swapOne = first.get(15, TimeUnit.MINUTES);
            System.out.println("swap drill, swap 1 (load " + load + "):\n" + printed);
            assertThat(second.refused()).as(second.sentence()).isTrue();
            assertThat(second.sentence()).contains("Another swap of this pair runs");
            assertThat(swapOne.ending()).as(swapOne.sentence()).isEqualTo(SwitchoverPlan.Ending.SWAPPED);
            assertModes(pair, LabSide.SECONDARY, LabSide.PRIMARY);

            String load2 = loadAverage();
            SwitchoverOutcome swapTwo = drill.swap(pair, LabSide.SECONDARY, journal, 2);
            System.out.println("swap drill, swap 2 (load " + load2 + "):\n" + printed);
            assertThat(swapTwo.ending()).as(swapTwo.sentence()).isEqualTo(SwitchoverPlan.Ending.SWAPPED);
            assertModes(pair, LabSide.PRIMARY, LabSide.SECONDARY);

            LabDrill.Result verdict = LabDrill.verdict(List.of(swapOne, swapTwo));
            System.out.println("swap drill: " + verdict.sentence() + " (load " + loadAverage() + ")");
            assertThat(verdict.passed()).as(verdict.sentence()).isTrue();
            for (SwitchoverOutcome swap : List.of(swapOne, swapTwo)) {
                assertThat(swap.phases()).hasSize(3);
                assertThat(swap.service().rounds()).isPositive();
                assertThat(swap.service().longest()).isLessThan(Duration.ofMinutes(5));
                assertThat(swap.service().bothServed()).isZero();
                assertThat(swap.service().diskAdvanced()).isTrue();
            }
            long after = awaitDisk(pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow());
            assertThat(after).as("the guest's disk counter through the primary slot's port again").isGreaterThan(before);
        }
        List<JournalRecord> swapRecords;
        try (JournalReader reader = JournalReader.openDirectory(journalDir);
             var records = reader.stream()) {
            // distinct: the reader merged one intent twice from journal/ and journal/actions/ in a run here
            swapRecords = records.filter(r -> "swap roles".equals(r.fields().get("action")))
                    .map(r -> new JournalRecord(r.at(), r.kind(), r.side(), r.fields(), null)).distinct().toList();
        }
        assertThat(swapRecords.stream().filter(r -> r.kind() == JournalRecord.Kind.ACTION_INTENT)).hasSize(2);
        assertThat(swapRecords.stream().filter(r -> r.kind() == JournalRecord.Kind.ACTION_STEP)
                .map(r -> String.valueOf(r.fields().get("phase"))).collect(Collectors.toList()))
                .containsExactly("PROMOTE", "NEW_SECONDARY", "REPROTECT", "PROMOTE", "NEW_SECONDARY", "REPROTECT");
        assertThat(swapRecords.stream().filter(r -> r.kind() == JournalRecord.Kind.ACTION_OUTCOME)
                .map(r -> String.valueOf(r.fields().getOrDefault("result", "refused"))).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("refused", "SWAPPED", "SWAPPED");
    }

    /** Another swap of the same pair, as a second console of this host would start it. */
    private static SwitchoverOutcome secondSwapOf(LabPair pair, AuditTrail journal) throws Exception {
        PairConfig config = PairConfig.of(pair.primaryConsoleEndpoint(), pair.secondaryConsoleEndpoint());
        List<String> calls = new ArrayList<>();
        try (PairSupervisor supervisor = new PairSupervisor(config, journal, Clock.systemUTC())) {
            Switchover.Session session = new Switchover.Session() {
                @Override
                public PairSupervisor supervisor() {
                    return supervisor;
                }

                @Override
                public boolean awaitKnown(Duration limit) {
                    calls.add("awaitKnown");
                    return false;
                }

                @Override
                public void close() {
                }
            };
            Switchover switchover = new Switchover(journal, c -> {
                throw new AssertionError("a refused swap opens no pair");
            }, PairClaims.forThisProcess(System.getenv()), new Switchover.Settings(Duration.ofSeconds(5),
                    Duration.ofSeconds(5), new Reprotection.Timeouts(Duration.ofMinutes(1), Duration.ofMinutes(1),
                    Duration.ofMinutes(1)), Duration.ofSeconds(1)), Clock.systemUTC());
            SwitchoverOutcome outcome = switchover.run(session, pair.primaryConsoleEndpoint(), (e, t, s) -> {
                throw new AssertionError("a refused swap starts no QEMU");
            }, new ReprotectOptions("127.0.0.1", 1, "tcp:127.0.0.1:2", ReprotectOptions.GUIDE_EXPORT, "127.0.0.1", 3,
                    4, Duration.ofSeconds(2)), line -> { });
            assertThat(calls).as("refused before reading the pair").isEmpty();
            return outcome;
        }
    }

    private static void assertModes(LabPair pair, LabSide primarySlot, LabSide secondarySlot) throws Exception {
        try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("primary-harness"));
             QmpClient secondary = new QmpClient(QmpClientOptions.defaults("secondary-harness"))) {
            primary.connect(pair.harnessEndpoint(primarySlot));
            secondary.connect(pair.harnessEndpoint(secondarySlot));
            assertThat(call(primary, "query-colo-status").string("mode")).contains("primary");
            assertThat(call(secondary, "query-colo-status").string("mode")).contains("secondary");
            assertThat(call(primary, "query-migrate").string("status")).contains("colo");
        }
    }

    private static void awaitPrinted(StringWriter printed, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!printed.toString().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(printed.toString()).contains(text);
    }

    private static long awaitDisk(String url) throws InterruptedException {
        long deadline = System.nanoTime() + SERVICE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> disk = GuestPage.disk(url, PAGE_TIMEOUT);
            if (disk.isPresent()) {
                return disk.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the guest did not answer at " + url + " within " + SERVICE.toSeconds() + " s");
    }

    private static QmpValue call(QmpClient client, String command) throws Exception {
        return client.execute(command).get(5, TimeUnit.SECONDS);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
