package org.coloconsole.fullpair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.coloconsole.app.PairSession;
import org.coloconsole.app.cli.Cli;
import org.coloconsole.app.lab.CheckpointSample;
import org.coloconsole.app.lab.CheckpointWatch;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.ReprotectStep;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.ReprotectOutcome;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.Reprotection;
import org.coloconsole.engine.StepReport;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.journal.JournalReader;
import org.coloconsole.journal.JournalRecord;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.coloconsole.testing.GuestPage;
import org.coloconsole.testing.LabTiming;
import org.coloconsole.testing.TestClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Restoring protection on the full lab pair (docs/colo-full-pair.md, "Resume replication on the survivor"): the
 * secondary is killed, the console continues on the primary, the lab starts a new secondary with empty disks and
 * {@code -incoming defer}, and {@code reprotect} brings COLO back with the guest serving throughout; and
 * {@code protect} puts a plain pair under COLO by the same flow.
 */
class LabReprotectTest {
    private static final Duration SERVICE = LabTiming.bound(Duration.ofSeconds(40));
    private static final Duration WITHIN = LabTiming.bound(Duration.ofSeconds(15));

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {
    }

    @Test
    void afterTheSecondarysKillAndAFailoverToThePrimaryANewSecondaryIsProtectedAgainAndTheGuestKeepsServing()
            throws Exception {
        try (LabPair pair = startFullPair()) {
            String url = continueOnPrimaryAfterTheSecondarysKill(pair);
            pair.startNewSecondary();
            Run expected = cli(pair, url, "reprotect", "--print-command-line");
            assertThat(expected.out).as(expected.out + expected.err).contains("-incoming defer", "id=red0");
            String load = loadAverage();
            Run reprotect = cli(pair, url, "reprotect", "--yes");
            System.out.println("reprotect test (load " + load + "):\n" + reprotect.out + reprotect.err);
            assertThat(reprotect.exit).as(reprotect.out + reprotect.err).isZero();
            assertThat(reprotect.out).contains("drive-mirror", "PROTECTED");

            assertProtected(pair.primaryHarnessEndpoint(), pair.secondaryHarnessEndpoint(), url, "reprotect test");
        }
    }

    /**
     * The new side dies just before the survivor's guest is stopped: a step inside the window fails, the flow takes
     * back what it added and resumes the guest, which serves again alone; with another new side a re-run protects.
     */
    @Test
    void aNewSideThatDiesInsideTheWindowIsUndoneTheSurvivorServesAloneAndARerunProtects() throws Exception {
        try (LabPair pair = startFullPair()) {
            String url = continueOnPrimaryAfterTheSecondarysKill(pair);
            pair.startNewSecondary();
            PairConfig config = PairConfig.of(pair.primaryConsoleEndpoint(), pair.secondaryConsoleEndpoint())
                    .withHeartbeat(new HeartbeatSettings(Duration.ofMillis(500), 10, Duration.ofSeconds(10)))
                    .withProbes(new ServiceProbes(ServiceProbe.parse(url), Optional.empty(), false, WITHIN));
            try (PairSession session = PairSession.open(config, () -> JournalAuditTrail.open(temp.resolve("j2")),
                    Clock.systemUTC())) {
                assertThat(session.awaitKnown(Duration.ofSeconds(10))).isTrue();
                Reprotection reprotection = new Reprotection(session.supervisor(), Duration.ofSeconds(5),
                        new Reprotection.Timeouts(LabTiming.bound(Duration.ofSeconds(60)),
                                LabTiming.bound(Duration.ofSeconds(10)), LabTiming.bound(Duration.ofSeconds(10))),
                        PairClaims.forThisProcess(System.getenv()));
                List<String> lines = new ArrayList<>();
                ReprotectOutcome outcome = reprotection.run(options(), report -> {
                    lines.add(report.status() + " " + report.step().command() + ": " + report.sentence());
                    if (report.step().kind() == ReprotectStep.Kind.STOP_GUEST
                            && report.status() == StepReport.Status.RUNNING) {
                        pair.kill(LabSide.SECONDARY, LabSignal.KILL);
                    }
                });
                System.out.println("reprotect test, undone:\n" + String.join("\n", lines) + "\n"
                        + outcome.sentence());
                assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(ReprotectOutcome.Result.UNDONE);
                assertThat(lines).anyMatch(line -> line.startsWith("DONE cont"));
            }
            try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("primary-harness"))) {
                primary.connect(pair.primaryHarnessEndpoint());
                assertThat(call(primary, "query-status").string("status")).contains("running");
                assertThat(call(primary, "query-colo-status").string("mode")).contains("none");
            }
            long first = awaitDisk(url, WITHIN);
            assertThat(awaitAdvance(url, first)).as("the survivor serves alone after the undo").isGreaterThan(first);

            pair.startNewSecondary();
            Run rerun = cli(pair, url, "reprotect", "--yes");
            System.out.println("reprotect test, re-run:\n" + rerun.out + rerun.err);
            assertThat(rerun.exit).as(rerun.out + rerun.err).isZero();
            long again = awaitDisk(url, WITHIN);
            assertThat(awaitAdvance(url, again)).isGreaterThan(again);
        }
    }

    /**
     * A restore interrupted once the guest is stopped (the window closing, the process shutting down) still undoes what
     * it added and resumes the survivor's guest, then passes the interrupt on.
     */
    @Test
    void aRestoreInterruptedWhileTheGuestIsStoppedResumesTheSurvivorsGuest() throws Exception {
        try (LabPair pair = startFullPair()) {
            String url = continueOnPrimaryAfterTheSecondarysKill(pair);
            pair.startNewSecondary();
            PairConfig config = PairConfig.of(pair.primaryConsoleEndpoint(), pair.secondaryConsoleEndpoint())
                    .withHeartbeat(new HeartbeatSettings(Duration.ofMillis(500), 10, Duration.ofSeconds(10)))
                    .withProbes(new ServiceProbes(ServiceProbe.parse(url), Optional.empty(), false, WITHIN));
            boolean interruptPassedOn;
            ReprotectOutcome outcome;
            try (PairSession session = PairSession.open(config, () -> JournalAuditTrail.open(temp.resolve("j3")),
                    Clock.systemUTC())) {
                assertThat(session.awaitKnown(Duration.ofSeconds(10))).isTrue();
                Reprotection reprotection = new Reprotection(session.supervisor(), Duration.ofSeconds(5),
                        new Reprotection.Timeouts(LabTiming.bound(Duration.ofSeconds(60)),
                                LabTiming.bound(Duration.ofSeconds(10)), LabTiming.bound(Duration.ofSeconds(10))),
                        TestClaims.thisProcess());
                outcome = reprotection.run(options(), report -> {
                    if (report.step().kind() == ReprotectStep.Kind.STOP_GUEST
                            && report.status() == StepReport.Status.DONE) {
                        Thread.currentThread().interrupt(); // the flow's own thread: its next wait is interrupted
                    }
                });
                interruptPassedOn = Thread.interrupted();
            }
            assertThat(outcome.result()).as(outcome.sentence()).isEqualTo(ReprotectOutcome.Result.UNDONE);
            assertThat(outcome.sentence()).contains("asked to stop");
            assertThat(interruptPassedOn).as("the interrupt is passed on after the undo").isTrue();
            try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("primary-harness"))) {
                primary.connect(pair.primaryHarnessEndpoint());
                assertThat(call(primary, "query-status").string("status")).contains("running");
            }
            long first = awaitDisk(url, WITHIN);
            assertThat(awaitAdvance(url, first)).as("the survivor serves after the interrupted restore")
                    .isGreaterThan(first);
        }
    }

    /**
     * Protecting a plain pair from the start (issue 16, item 2): the lab's primary runs its guest alone, never in
     * COLO, with the guide's disk and proxy chardevs; the secondary waits with {@code -incoming defer} and empty disks;
     * {@code protect} copies the disk, adds what the primary lacks, and brings COLO up with the guest serving.
     */
    @Test
    void aPlainPairIsProtectedTheChardevsFromTheCommandLineAreNotAddedAgainAndTheGuestKeepsServing()
            throws Exception {
        try (LabPair pair = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL_UNPROTECTED)
                .withRunDir(temp.resolve("lab")).withStartTimeout(LabTiming.bound(Duration.ofSeconds(20))))) {
            String url = pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow();
            long before = awaitDisk(url, SERVICE);
            try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("primary-harness"))) {
                primary.connect(pair.primaryHarnessEndpoint());
                assertThat(call(primary, "query-colo-status").string("last-mode")).contains("none");
            }

            Run protect = cli(pair, url, "protect", "--yes", "--checkpoint-delay",
                    LabTiming.checkpointDelay(Duration.ofSeconds(2)).toMillis() + "ms");
            System.out.println("protect test (load " + loadAverage() + "):\n" + protect.out + protect.err);
            assertThat(protect.exit).as(protect.out + protect.err).isZero();
            assertThat(protect.out).contains("Plan to protect:", "drive-mirror", "object-add", "PROTECTED",
                    "(skipped) The chardev mirror0 is there already (from its command line)")
                    .doesNotContain("chardev-add");

            long first = assertProtected(pair.primaryHarnessEndpoint(), pair.secondaryHarnessEndpoint(), url,
                    "protect test");
            assertThat(first).as("the counter went on through the protection").isGreaterThan(before);

            List<JournalRecord> intents;
            try (JournalReader journal = JournalReader.openDirectory(temp.resolve("journal"))) {
                intents = journal.stream().filter(r -> r.kind() == JournalRecord.Kind.ACTION_INTENT).toList();
            }
            assertThat(intents).extracting(r -> r.fields().get("action")).containsExactly("protect");
            assertThat(intents.get(0).fields().get("history")).isEqualTo("NEVER_PROTECTED");
        }
    }

    /**
     * Both sides report their COLO mode, the primary's migration is colo, checkpoints flow, and the guest's disk
     * counter advances through {@code url}; returns the first counter read.
     */
    private static long assertProtected(Endpoint primaryHarness, Endpoint secondaryHarness, String url, String test)
            throws Exception {
        try (QmpClient primary = new QmpClient(QmpClientOptions.defaults("primary-harness"));
             QmpClient secondary = new QmpClient(QmpClientOptions.defaults("secondary-harness"))) {
            primary.connect(primaryHarness);
            secondary.connect(secondaryHarness);
            assertThat(call(primary, "query-colo-status").string("mode")).contains("primary");
            assertThat(call(secondary, "query-colo-status").string("mode")).contains("secondary");
            assertThat(call(primary, "query-migrate").string("status")).contains("colo");
        }
        CheckpointSample sample = CheckpointWatch.watch(primaryHarness, LabTiming.bound(Duration.ofSeconds(6)));
        System.out.println(test + ": " + sample.sentence());
        assertThat(sample.checkpoints()).isGreaterThanOrEqualTo(2);
        long first = awaitDisk(url, WITHIN);
        assertThat(awaitAdvance(url, first)).as("the guest's disk counter through the primary's port")
                .isGreaterThan(first);
        return first;
    }

    private LabPair startFullPair() {
        return LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL).withRunDir(temp.resolve("lab"))
                .withStartTimeout(LabTiming.bound(Duration.ofSeconds(20)))
                .withCheckpointDelay(LabTiming.checkpointDelay(Duration.ofSeconds(2))));
    }

    /** The guest serves, the secondary is killed, {@code failover --to primary} verifies: the survivor runs alone. */
    private String continueOnPrimaryAfterTheSecondarysKill(LabPair pair) throws InterruptedException {
        String url = pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow();
        awaitDisk(url, SERVICE);
        pair.kill(LabSide.SECONDARY, LabSignal.KILL);
        Run failover = cli(pair, url, "failover", "--to", "primary", "--yes");
        System.out.println("reprotect test, failover:\n" + failover.out + failover.err);
        assertThat(failover.exit).as(failover.out + failover.err).isZero();
        return url;
    }

    private static long awaitAdvance(String url, long from) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        long later = from;
        while (later <= from && System.nanoTime() < deadline) {
            Thread.sleep(500);
            later = GuestPage.disk(url, PAGE_TIMEOUT).orElse(from);
        }
        return later;
    }

    private static ReprotectOptions options() throws java.io.IOException {
        return new ReprotectOptions("127.0.0.1", freePort(), "tcp:127.0.0.1:" + freePort(),
                ReprotectOptions.GUIDE_EXPORT, "127.0.0.1", freePort(), freePort(),
                LabTiming.checkpointDelay(Duration.ofSeconds(2)));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Issue 16's "must show": the primary's SIGKILL, {@code failover --to secondary}, then a new secondary where the
     * primary ran and {@code reprotect --yes}. The survivor is a former secondary: it gets a primary's chardevs back,
     * and its filters go before its rewriter.
     */
    @Test
    void afterThePrimarysKillAndAFailoverToTheSecondaryANewSecondaryWhereThePrimaryRanIsProtectedWithTheRolesSwapped()
            throws Exception {
        try (LabPair pair = startFullPair()) {
            awaitDisk(pair.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow(), SERVICE);
            String url = pair.state().side(LabSide.SECONDARY).serviceUrl().orElseThrow();
            // issue 16's "must show": the primary's SIGKILL, then failover --to secondary (a planned one, with the
            // primary alive, is what LabSwapDrillTest's swaps do)
            pair.kill(LabSide.PRIMARY, LabSignal.KILL);
            assertThat(pair.awaitExit(LabSide.PRIMARY, Duration.ofSeconds(10))).isTrue();
            Run failover = cliOn(pair.primaryConsoleEndpoint(), pair.secondaryConsoleEndpoint(), "failover", "--to",
                    "secondary", "--yes", "--probe-secondary", url);
            System.out.println("swap test, failover:\n" + failover.out + failover.err);
            assertThat(failover.exit).as(failover.out + failover.err).isZero();

            pair.startNewSecondary(LabSide.PRIMARY);
            Run reprotect = cliOn(pair.secondaryConsoleEndpoint(), pair.primaryConsoleEndpoint(), "reprotect",
                    "--yes", "--probe-primary", url, "--checkpoint-delay",
                    LabTiming.checkpointDelay(Duration.ofSeconds(2)).toMillis() + "ms");
            System.out.println("swap test (load " + loadAverage() + "):\n" + reprotect.out + reprotect.err);
            assertThat(reprotect.exit).as(reprotect.out + reprotect.err).isZero();
            assertThat(reprotect.out).contains("chardev-add", "before rew0", "PROTECTED");
            try (QmpClient survivor = new QmpClient(QmpClientOptions.defaults("survivor-harness"))) {
                survivor.connect(pair.secondaryHarnessEndpoint());
                assertThat(call(survivor, "query-colo-status").string("last-mode")).contains("secondary");
            }
            assertProtected(pair.secondaryHarnessEndpoint(), pair.primaryHarnessEndpoint(), url, "swap test");
        }
    }

    private Run cli(LabPair pair, String url, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--probe-primary";
        all[args.length + 1] = url;
        return cliOn(pair.primaryConsoleEndpoint(), pair.secondaryConsoleEndpoint(), all);
    }

    private Run cliOn(Endpoint primary, Endpoint secondary, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(start -> {
            throw new AssertionError("no window in a CLI test");
        }, () -> JournalAuditTrail.open(temp.resolve("journal")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] base = {"--primary", primary.text(), "--secondary", secondary.text(), "--service-within",
                WITHIN.toSeconds() + "s", "--wait", "10s", "--heartbeat", "500ms", "--misses", "10"};
        String[] all = new String[args.length + base.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(base, 0, all, args.length, base.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private static long awaitDisk(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> disk = GuestPage.disk(url, PAGE_TIMEOUT);
            if (disk.isPresent()) {
                return disk.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the guest did not answer at " + url + " within " + timeout.toSeconds() + " s");
    }

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(5);

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
