package org.coloconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.coloconsole.app.lab.LabFence;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.AutoFailoverSettings;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AutoFailover;
import org.coloconsole.engine.AutoFailoverRun;
import org.coloconsole.engine.FailoverRunner;
import org.coloconsole.engine.FenceRunner;
import org.coloconsole.engine.FenceSpec;
import org.coloconsole.engine.Fencing;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.MonotonicClock;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;

/**
 * The automatic failover on fresh minimal lab pairs: a signal to the primary → the secondary promoted and verified,
 * split into detection (signal → countdown starts), grace, fence (when one runs) and runbook (the runner's own time).
 * {@code src/bench/run.sh autofail [tries] [kill|stop-fenced|stop-unfenced]}: {@code stop-unfenced} freezes the
 * primary with no fence action and counts the automatic promotions (there must be none) over a watch well past
 * detection, two checkpoint intervals and the grace period. Figures in src/bench/README.md.
 */
public final class AutoFailoverBench {
    private AutoFailoverBench() {
    }

    public static void main(String[] args) throws Exception {
        int tries = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String mode = args.length > 1 ? args[1] : "kill";
        if (mode.equals("stop-unfenced")) {
            unfenced(tries);
            return;
        }
        boolean fenced = mode.equals("stop-fenced");
        Random phase = new Random(1);
        List<Double> detection = new ArrayList<>();
        List<Double> grace = new ArrayList<>();
        List<Double> fence = new ArrayList<>();
        List<Double> afterFence = new ArrayList<>();
        List<Double> runbook = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < tries; i++) {
            try {
                long[] signalled = new long[1];
                AutoFailoverRun run = once(fenced, phase, signalled);
                if (!run.outcome().verified()) {
                    failed++;
                    System.out.println("try " + (i + 1) + ": not verified: " + run.outcome().sentence());
                    continue;
                }
                double d = (run.countdownStartedNanos() - signalled[0]) / 1e6;
                double g = run.grace().toNanos() / 1e6;
                double f = run.fence().map(x -> x.toNanos() / 1e6).orElse(0.0);
                double a = run.afterFence().map(x -> x.toNanos() / 1e6).orElse(0.0);
                double r = run.runbook().toNanos() / 1e6;
                detection.add(d);
                grace.add(g);
                fence.add(f);
                afterFence.add(a);
                runbook.add(r);
                total.add(d + g + f + a + r);
                System.out.printf("try %2d: detection %.1f ms, grace %.1f ms, fence %.1f ms, fence → COLO_EXIT %.1f ms, "
                        + "runbook %.1f ms, total %.1f ms%n", i + 1, d, g, f, a, r, d + g + f + a + r);
            } catch (RuntimeException e) {
                failed++;
                System.out.println("try " + (i + 1) + " failed: " + e);
            }
        }
        System.out.println((fenced ? "SIGSTOP + lab fence" : "SIGKILL") + " → promoted and verified, "
                + total.size() + " of " + tries + " tries (" + failed + " failed)");
        report("detection", detection);
        report("grace", grace);
        report("fence", fence);
        report("fence → COLO_EXIT", afterFence);
        report("runbook", runbook);
        report("total", total);
    }

    private static AutoFailoverRun once(boolean fenced, Random phase, long[] signalled) throws Exception {
        Path dir = Files.createTempDirectory("autofail");
        try {
            return onceIn(dir, fenced, phase, signalled);
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static AutoFailoverRun onceIn(Path dir, boolean fenced, Random phase, long[] signalled)
            throws Exception {
        try (LabPair lab = LabPair.start(LabOptions.defaults().withRunDir(dir.resolve("lab")));
             JournalAuditTrail trail = JournalAuditTrail.open(dir.resolve("journal"))) {
            PairConfig config = PairConfig.of(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint());
            Map<Side, FenceSpec> fences = fenced ? Map.of(Side.PRIMARY, LabFence.spec(lab.runDir(), LabSide.PRIMARY,
                    Duration.ofSeconds(10))) : Map.of();
            try (PairSupervisor supervisor = new PairSupervisor(config, trail, Clock.systemUTC());
                 FailoverRunner runner = new FailoverRunner(supervisor, CLAIMS,
                         new Fencing(new FenceRunner(trail, Clock.systemUTC(), MonotonicClock.system()), fences));
                 AutoFailover auto = new AutoFailover(supervisor, runner, true, AutoFailoverSettings.DEFAULT_GRACE,
                         MonotonicClock.system())) {
                CompletableFuture<AutoFailoverRun> done = new CompletableFuture<>();
                auto.onRun(done::complete);
                supervisor.start();
                auto.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (supervisor.snapshot().recommendation().kind() != Recommendation.Kind.PROTECTED) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the pair never showed protected");
                    }
                    Thread.sleep(5);
                }
                Thread.sleep(300 + phase.nextInt(250));
                signalled[0] = System.nanoTime();
                lab.kill(LabSide.PRIMARY, fenced ? LabSignal.STOP : LabSignal.KILL);
                return done.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** The bench's process as a console would claim pairs (the composition root's job in the console). */
    private static final PairClaims CLAIMS = PairClaims.forThisProcess(System.getenv());

    /** How long a frozen primary is watched: detection (≤ 1 s), two 2 s checkpoint intervals, 2 s grace; doubled. */
    private static final Duration UNFENCED_WATCH = Duration.ofSeconds(14);

    /** SIGSTOP of the primary, no fence action: the automatic promotions counted (the issue asks for 0 of 20). */
    private static void unfenced(int tries) throws Exception {
        int promotions = 0;
        int intents = 0;
        int watched = 0;
        Map<String, Integer> lastDecisions = new java.util.TreeMap<>();
        for (int i = 0; i < tries; i++) {
            Path dir = Files.createTempDirectory("autofail");
            try (LabPair lab = LabPair.start(LabOptions.defaults().withRunDir(dir.resolve("lab")));
                 JournalAuditTrail trail = JournalAuditTrail.open(dir.resolve("journal"))) {
                PairConfig config = PairConfig.of(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint());
                List<AutoFailoverRun> runs = new java.util.concurrent.CopyOnWriteArrayList<>();
                List<org.coloconsole.colo.FailoverRequest> started = new java.util.concurrent.CopyOnWriteArrayList<>();
                try (PairSupervisor supervisor = new PairSupervisor(config, trail, Clock.systemUTC());
                     FailoverRunner runner = new FailoverRunner(supervisor, CLAIMS, Fencing.none());
                     AutoFailover auto = new AutoFailover(supervisor, runner, true,
                             AutoFailoverSettings.DEFAULT_GRACE, MonotonicClock.system())) {
                    auto.onRun(runs::add);
                    supervisor.start();
                    auto.start();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (supervisor.snapshot().recommendation().kind() != Recommendation.Kind.PROTECTED) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("the pair never showed protected");
                        }
                        Thread.sleep(5);
                    }
                    lab.kill(LabSide.PRIMARY, LabSignal.STOP);
                    Thread.sleep(UNFENCED_WATCH.toMillis());
                    boolean secondaryPromoted = supervisor.snapshot().state().secondary().tookOver();
                    String last = auto.decision().kind() + ": " + auto.decision().sentence();
                    lastDecisions.merge(auto.decision().kind().name(), 1, Integer::sum);
                    int tookOver = runs.size() + (secondaryPromoted && runs.isEmpty() ? 1 : 0);
                    promotions += tookOver;
                    boolean intent = supervisor.snapshot().state().failover().phase()
                            != org.coloconsole.colo.FailoverProgress.Phase.NONE;
                    intents += intent ? 1 : 0;
                    watched++;
                    System.out.printf("try %2d: %d automatic promotion(s), failover %s; policy: %s%n", i + 1,
                            tookOver, supervisor.snapshot().state().failover().phase(), last);
                } finally {
                    lab.kill(LabSide.PRIMARY, LabSignal.CONT);
                }
            } catch (RuntimeException e) {
                System.out.println("try " + (i + 1) + " failed before the watch: " + e);
            } finally {
                BenchFiles.deleteTree(dir);
            }
        }
        System.out.println("SIGSTOP, no fence action: " + promotions + " automatic promotions, " + intents
                + " failovers started, over " + watched + " watched tries of " + tries + " (" + UNFENCED_WATCH
                .toSeconds() + " s each); the policy's decision at the end: " + lastDecisions);
    }

    private static void report(String what, List<Double> values) {
        if (values.isEmpty()) {
            System.out.printf("%-18s n=0%n", what);
            return;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("%-18s n=%d  median %.1f ms  max %.1f ms  min %.1f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.get(0));
    }
}
