package org.coloconsole.fullpair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.PairSession;
import org.coloconsole.app.cli.Cli;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.FailoverOutcome;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.StepReport;
import org.coloconsole.testing.GuidePair;
import org.coloconsole.testing.LabTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The console's runbooks on a full COLO pair started outside it with QEMU's guide's names (GuidePair): after a kill,
 * and planned with a crash of the console between steps, the survivor's guest answers through its forwarded port with
 * its disk counter advancing, and nothing of COLO is left in its way (docs/colo-full-pair.md).
 */
class GuidePairFailoverTest {
    private static final Duration WITHIN = LabTiming.bound(Duration.ofSeconds(10));

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    @Test
    void continueOnPrimaryAfterTheSecondarysKill() throws Exception {
        try (GuidePair pair = GuidePair.start(LabTiming.checkpointDelay(Duration.ofSeconds(2)))) {
            pair.awaitService(Side.PRIMARY, GuidePair.SERVICE_TIMEOUT);
            pair.kill(Side.SECONDARY);
            long decided = System.nanoTime();
            Run run = cli(pair, "failover", "--to", "primary", "--yes");
            long done = System.nanoTime();
            System.out.println("continue-on-primary: " + (done - decided) / 1_000_000 + " ms\n" + run.out);
            assertThat(run.exit).as(run.out + run.err).isZero();
            assertThat(run.out).contains("x-blockdev-change", "Delete the replication node replication0", "object-del", "VERIFIED",
                    "disk counter advances");
            assertServesWithAdvancingDisk(pair, Side.PRIMARY);
            assertThat(pair.query(Side.PRIMARY, "qom-list", Map.of("path", "/objects")).toJson())
                    .doesNotContain("colo-compare", "filter-mirror", "filter-redirector");
        }
    }

    @Test
    void promoteSecondaryAfterThePrimarysKill() throws Exception {
        try (GuidePair pair = GuidePair.start(LabTiming.checkpointDelay(Duration.ofSeconds(2)))) {
            pair.awaitService(Side.PRIMARY, GuidePair.SERVICE_TIMEOUT);
            pair.kill(Side.PRIMARY);
            long decided = System.nanoTime();
            Run run = cli(pair, "failover", "--to", "secondary", "--yes");
            long done = System.nanoTime();
            System.out.println("promote-secondary: " + (done - decided) / 1_000_000 + " ms\n" + run.out);
            assertThat(run.exit).as(run.out + run.err).isZero();
            assertThat(run.out).contains("nbd-server-stop", "chardev-remove", "VERIFIED", "disk counter advances");
            assertServesWithAdvancingDisk(pair, Side.SECONDARY);
            assertThat(pair.query(Side.SECONDARY, "query-block-exports", Map.of()).elements()).isEmpty();
        }
    }

    /** Both alive: a console that dies right after the lost-heartbeat, then a re-run that finishes the job. */
    @Test
    void aPlannedFailoverCutShortByACrashIsFinishedByARerun() throws Exception {
        try (GuidePair pair = GuidePair.start(LabTiming.checkpointDelay(Duration.ofSeconds(2)))) {
            pair.awaitService(Side.PRIMARY, GuidePair.SERVICE_TIMEOUT);
            PairConfig config = PairConfig.of(pair.consoleEndpoint(Side.PRIMARY), pair.consoleEndpoint(Side.SECONDARY))
                    .withProbes(probes(pair));
            try (PairSession first = PairSession.open(config, () -> JournalAuditTrail.open(tmp.resolve("j1")),
                    Clock.systemUTC(), org.coloconsole.testing.TestClaims.thisProcess(), java.util.Map.of())) {
                assertThat(first.awaitKnown(LabTiming.bound(Duration.ofSeconds(10)))).isTrue();
                try {
                    FailoverOutcome ended = first.runner().run(new FailoverRequest(Side.SECONDARY, false), FailoverPlan.Options.defaults(),
                            report -> {
                                if (report.status() != StepReport.Status.RUNNING
                                        && report.step().kind() == FailoverStep.Kind.LOST_HEARTBEAT) {
                                    throw new IllegalStateException("the console dies here");
                                }
                            }).get(60, TimeUnit.SECONDS);
                    throw new AssertionError("the console was to die after the lost-heartbeat, but the runbook "
                            + "ended: " + ended.result() + ": " + ended.sentence());
                } catch (ExecutionException expected) {
                    assertThat(expected.getCause()).hasMessage("the console dies here");
                }
            }
            // the export was closed before the crash; the redirectors were not removed yet
            assertThat(pair.query(Side.SECONDARY, "qom-list", Map.of("path", "/objects")).toJson())
                    .contains("filter-redirector");
            Run rerun = cli(pair, "failover", "--to", "secondary", "--yes");
            System.out.println("re-run:\n" + rerun.out);
            assertThat(rerun.exit).as(rerun.out + rerun.err).isZero();
            assertThat(rerun.out).doesNotContain("nbd-server-stop →").contains("object-del", "VERIFIED");
            assertThat(pair.query(Side.SECONDARY, "qom-list", Map.of("path", "/objects")).toJson())
                    .doesNotContain("filter-redirector").contains("filter-rewriter");
            assertThat(pair.query(Side.SECONDARY, "query-block-exports", Map.of()).elements()).isEmpty();
            assertServesWithAdvancingDisk(pair, Side.SECONDARY);
            // the old primary stays stopped (a checkpoint in flight could have started it: docs/colo-behaviour.md)
            for (int i = 0; i < 10; i++) {
                assertThat(pair.query(Side.PRIMARY, "query-status", Map.of()).bool("running")).contains(false);
                Thread.sleep(300);
            }
        }
    }

    private static ServiceProbes probes(GuidePair pair) {
        return new ServiceProbes(ServiceProbe.parse(pair.statusUri(Side.PRIMARY).toString()),
                ServiceProbe.parse(pair.statusUri(Side.SECONDARY).toString()), false, WITHIN);
    }

    private static void assertServesWithAdvancingDisk(GuidePair pair, Side side) throws InterruptedException {
        OptionalLong first = GuidePair.disk(pair.awaitService(side, WITHIN));
        Thread.sleep(1000);
        OptionalLong later = GuidePair.disk(pair.awaitService(side, WITHIN));
        assertThat(first).isPresent();
        assertThat(later.getAsLong()).isGreaterThan(first.getAsLong());
    }

    private Run cli(GuidePair pair, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(start -> {
            throw new AssertionError("no window in a CLI test");
        }, () -> JournalAuditTrail.open(tmp.resolve("journal")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] base = {"--primary", pair.consoleEndpoint(Side.PRIMARY).text(), "--secondary",
                pair.consoleEndpoint(Side.SECONDARY).text(), "--probe-primary", pair.statusUri(Side.PRIMARY).toString(),
                "--probe-secondary", pair.statusUri(Side.SECONDARY).toString(), "--service-within",
                WITHIN.toSeconds() + "s"};
        String[] all = new String[args.length + base.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(base, 0, all, args.length, base.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }
}
