package org.coloconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
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
import org.coloconsole.engine.StepReport;

/**
 * Kill → verified-serving on the full lab pair, per direction: a fresh pair per try, the guest answering, then SIGKILL
 * of one side and the console's failover to the other as soon as it recommends it. Split into detection (kill → the
 * console's state says the side is lost), runbook (decision → the runner's last QEMU step reported, its own service
 * check left out), the first answer of
 * the survivor's guest after the decision (polled here every 10 ms, apart from the console), and the runner's total
 * to VERIFIED (which includes its own service check: two answers with the disk counter advancing).
 *
 * <p>Usage: FailoverServingBench [tries per direction, default 10] [secondary|primary|both (the side killed)]
 */
public final class FailoverServingBench {
    private static final GuestAnswers GUEST = new GuestAnswers(Duration.ofMillis(500), Duration.ofMillis(800));

    private FailoverServingBench() {
    }

    private record Try(long detectionMs, long runbookMs, long firstAnswerMs, long verifiedMs, String load) {
    }

    public static void main(String[] args) throws Exception {
        int tries = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String which = args.length > 1 ? args[1] : "both";
        for (LabSide killed : LabSide.values()) {
            if (!which.equals("both") && !which.equals(killed.label())) {
                continue;
            }
            List<Try> results = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                Try t = once(killed);
                results.add(t);
                System.out.printf("kill %s, try %d: detection %d ms, runbook %d ms, first answer %d ms after the "
                        + "decision, verified %d ms after it (load %s)%n", killed.label(), i + 1, t.detectionMs,
                        t.runbookMs, t.firstAnswerMs, t.verifiedMs, t.load);
            }
            System.out.printf("kill %s, %d tries: detection %s; runbook %s; first answer %s; verified %s (ms, median/max)%n",
                    killed.label(), tries, stats(results, Try::detectionMs), stats(results, Try::runbookMs),
                    stats(results, Try::firstAnswerMs), stats(results, Try::verifiedMs));
        }
    }

    private static Try once(LabSide killed) throws Exception {
        Path dir = Files.createTempDirectory("failover-serving-bench");
        try {
            return onceIn(dir, killed);
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static Try onceIn(Path dir, LabSide killed) throws Exception {
        try (LabPair lab = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL)
                .withStartTimeout(Duration.ofSeconds(120)).withRunDir(dir.resolve("lab")))) {
            Side lost = killed == LabSide.PRIMARY ? Side.PRIMARY : Side.SECONDARY;
            Side survivor = lost.other();
            String url = lab.state().side(killed == LabSide.PRIMARY ? LabSide.SECONDARY : LabSide.PRIMARY)
                    .serviceUrl().orElseThrow();
            String primaryUrl = lab.state().side(LabSide.PRIMARY).serviceUrl().orElseThrow();
            PairConfig config = PairConfig.of(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint())
                    .withProbes(lab.state().serviceProbes());
            try (PairSupervisor supervisor = new PairSupervisor(config, JournalAuditTrail.open(dir.resolve("journal")),
                    Clock.systemUTC()); FailoverRunner runner = new FailoverRunner(supervisor,
                         org.coloconsole.engine.PairClaims.forThisProcess(System.getenv()),
                         org.coloconsole.engine.Fencing.none())) {
                AtomicLong lostAt = new AtomicLong();
                supervisor.onSnapshot(s -> {
                    if (s.state().side(lost).heartbeat().status() == HeartbeatStatus.LOST) {
                        lostAt.compareAndSet(0, System.nanoTime());
                    }
                });
                supervisor.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
                while (!GUEST.at(primaryUrl) || supervisor.snapshot().recommendation().kind()
                        != Recommendation.Kind.PROTECTED) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the guest did not answer within 240 s");
                    }
                    Thread.sleep(200);
                }
                long kill = System.nanoTime();
                lab.kill(killed, LabSignal.KILL);
                Recommendation.Kind wanted = survivor == Side.PRIMARY ? Recommendation.Kind.CONTINUE_ON_PRIMARY
                        : Recommendation.Kind.PROMOTE_SECONDARY;
                while (supervisor.snapshot().recommendation().kind() != wanted) {
                    Thread.sleep(1);
                }
                long decision = System.nanoTime();
                AtomicLong lastStep = new AtomicLong();
                AtomicLong firstAnswer = new AtomicLong();
                Thread poller = new Thread(() -> {
                    while (firstAnswer.get() == 0 && !Thread.currentThread().isInterrupted()) {
                        if (GUEST.at(url)) {
                            firstAnswer.set(System.nanoTime());
                        }
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "bench-probe");
                poller.start();
                FailoverOutcome outcome = runner.run(new FailoverRequest(survivor, false),
                        FailoverPlan.Options.defaults(), (StepReport r) -> {
                            // the runner's own service check is the "first answer" figure, not the runbook's
                            if (r.status() != StepReport.Status.RUNNING
                                    && !r.step().command().equals("service-probe")) {
                                lastStep.set(System.nanoTime());
                            }
                        }).get(120, TimeUnit.SECONDS);
                long verified = System.nanoTime();
                if (!outcome.verified()) {
                    throw new IllegalStateException("not verified: " + outcome.sentence());
                }
                poller.join(30_000);
                poller.interrupt();
                return new Try(ms(lostAt.get() - kill), ms(lastStep.get() - decision),
                        ms(firstAnswer.get() - decision), ms(verified - decision), Machine.loadAverage());
            }
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String stats(List<Try> tries, java.util.function.ToLongFunction<Try> figure) {
        List<Long> values = new ArrayList<>();
        for (Try t : tries) {
            values.add(figure.applyAsLong(t));
        }
        Collections.sort(values);
        return values.get(values.size() / 2) + "/" + values.get(values.size() - 1);
    }
}
