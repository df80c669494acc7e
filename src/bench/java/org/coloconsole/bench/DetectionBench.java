package org.coloconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.FailoverOutcome;
import org.coloconsole.engine.FailoverRunner;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.qmp.QmpValue;

/**
 * Detection and failover on a real lab pair, each try on a fresh pair with the default heartbeat (250 ms × 3):
 * SIGKILL of the primary → LOST, and SIGSTOP → UNRESPONSIVE, measured from just before the signal to the "at" of the
 * journal's state-change record; then, after each SIGKILL, the failover to the secondary: total (confirm → verified)
 * and the part that is QEMU's own command time.
 *
 * <p>Usage: DetectionBench [tries per fault, default 20]
 */
public final class DetectionBench {
    private DetectionBench() {
    }

    public static void main(String[] args) throws Exception {
        int tries = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Random phase = new Random(1);
        List<Double> lost = new ArrayList<>();
        List<Double> unresponsive = new ArrayList<>();
        List<Double> failoverTotal = new ArrayList<>();
        List<Double> failoverQemu = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            lost.add(detect(LabSignal.KILL, HeartbeatStatus.LOST, phase, failoverTotal, failoverQemu));
            unresponsive.add(detect(LabSignal.STOP, HeartbeatStatus.UNRESPONSIVE, phase, null, null));
            System.out.printf("try %2d: LOST %.1f ms, UNRESPONSIVE %.1f ms, failover %.1f ms (QEMU %.1f ms)%n", i + 1,
                    lost.get(i), unresponsive.get(i), failoverTotal.get(i), failoverQemu.get(i));
        }
        report("SIGKILL → LOST (journal)", lost);
        report("SIGSTOP → UNRESPONSIVE (journal)", unresponsive);
        report("failover confirm → verified", failoverTotal);
        report("  of which QEMU's replies", failoverQemu);
        List<Double> overhead = new ArrayList<>();
        for (int i = 0; i < failoverTotal.size(); i++) {
            overhead.add(failoverTotal.get(i) - failoverQemu.get(i));
        }
        report("  console's own part", overhead);
    }

    private static double detect(LabSignal signal, HeartbeatStatus expected, Random phase, List<Double> total,
                                 List<Double> qemu) throws Exception {
        Path dir = Files.createTempDirectory("detect");
        try (LabPair lab = LabPair.start(LabOptions.defaults().withRunDir(dir.resolve("lab")))) {
            Path journalDir = dir.resolve("journal");
            Instant signalled;
            try (JournalAuditTrail trail = JournalAuditTrail.open(journalDir);
                 PairSupervisor supervisor = new PairSupervisor(
                         PairConfig.of(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint()), trail,
                         Clock.systemUTC());
                 FailoverRunner runner = new FailoverRunner(supervisor,
                         org.coloconsole.engine.PairClaims.forThisProcess(System.getenv()),
                         org.coloconsole.engine.Fencing.none())) {
                supervisor.start();
                waitFor(() -> supervisor.snapshot().recommendation().kind() == Recommendation.Kind.PROTECTED);
                // land the signal anywhere in the heartbeat's period
                Thread.sleep(300 + phase.nextInt(250));
                signalled = Instant.now();
                lab.kill(LabSide.PRIMARY, signal);
                waitFor(() -> supervisor.snapshot().state().primary().heartbeat().status() == expected);
                if (total != null) {
                    waitFor(() -> supervisor.snapshot().recommendation().kind() == Recommendation.Kind.PROMOTE_SECONDARY);
                    FailoverOutcome outcome = runner.run(new FailoverRequest(Side.SECONDARY, false),
                            FailoverPlan.Options.defaults(), step -> { }).get(30, TimeUnit.SECONDS);
                    if (!outcome.verified()) {
                        throw new IllegalStateException("failover not verified: " + outcome.sentence());
                    }
                    total.add(outcome.total().toNanos() / 1e6);
                    qemu.add(outcome.qemuTime().toNanos() / 1e6);
                }
            }
            if (signal == LabSignal.STOP) {
                lab.kill(LabSide.PRIMARY, LabSignal.CONT);
            }
            return journaledAfter(journalDir.resolve("journal.jsonl"), signalled, expected.name());
        }
    }

    /** Milliseconds from the signal to the journal's record of the primary's heartbeat turning {@code to}. */
    private static double journaledAfter(Path journal, Instant signalled, String to) throws Exception {
        for (String line : Files.readAllLines(journal)) {
            QmpValue record = QmpValue.parse(line);
            if ("primary".equals(record.string("side").orElse("")) && "heartbeat".equals(record.string("field").orElse(""))
                    && to.equals(record.string("to").orElse(""))) {
                Instant at = Instant.parse(record.string("at").orElseThrow());
                return Duration.between(signalled, at).toNanos() / 1e6;
            }
        }
        throw new IllegalStateException("no heartbeat → " + to + " record in " + journal);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(1);
        }
    }

    private static void report(String what, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("%-36s n=%d  median %.1f ms  max %.1f ms  min %.1f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.get(0));
    }
}
