package org.coloconsole.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.coloconsole.colo.AutoFailoverDecision;
import org.coloconsole.engine.AutoFailover;
import org.coloconsole.engine.AutoFailoverRun;
import org.coloconsole.engine.FailoverOutcome;
import org.coloconsole.engine.MonotonicClock;
import org.coloconsole.engine.FailoverRunner;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault campaign: hundreds of short seeded scenarios, each a fresh simulated COLO pair watched by a
 * {@link PairSupervisor}, with random faults and operator failovers, and the invariants checked after every step.
 * In every other scenario the automatic-failover policy is on too (no fence action: the simulated QEMUs live in this
 * process), racing the operator on the same runner: it must never promote a side whose peer is merely frozen, never
 * promote twice, and journal each of its actions with its reasons.
 * The seed is fixed (42) so that CI replays a known campaign; {@code -Dcampaign.seed=N} runs another; {@code -Dcampaign.scenarios=N} sets its length.
 */
class FaultCampaignTest {
    private static final HeartbeatSettings HEARTBEAT = new HeartbeatSettings(Duration.ofMillis(50), 3,
            Duration.ofSeconds(1));
    /** Detection bounds: interval × misses plus a margin for the check period and two loaded cores. */
    private static final Duration HANG_BOUND = HEARTBEAT.unresponsiveAfter().plusMillis(1000);
    private static final Duration KILL_BOUND = Duration.ofMillis(1000);
    private static final long CHECKPOINT_MS = 40;
    private static final Set<String> OPERATOR_COMMANDS = Set.of("stop", "cont", "quit", "yank",
            "x-colo-lost-heartbeat");

    @TempDir
    Path tmp;

    private final CampaignFigures figures = new CampaignFigures();
    private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What is worth a look but breaks no invariant (a failover that failed safely). */
    private final List<String> notes = new ArrayList<>();

    @Test
    void campaign() throws Exception {
        long seed = Long.getLong("campaign.seed", 42L);
        int scenarios = Integer.getInteger("campaign.scenarios", 250);
        System.out.println("fault campaign seed " + seed + " (replay with -Dcampaign.seed=" + seed + ")");
        Random seeds = new Random(seed);
        long started = System.nanoTime();
        for (int i = 0; i < scenarios; i++) {
            long scenarioSeed = seeds.nextLong();
            runScenario(i, scenarioSeed);
        }
        System.out.println("fault campaign seed " + seed + ": " + figures + " in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
        notes.forEach(n -> System.out.println("NOTE " + n));
        violations.forEach(v -> System.out.println("VIOLATION " + v));
        assertThat(figures.doublePromotions).as("double promotions").isZero();
        assertThat(figures.autoPromotionsWithoutProof).as("automatic promotions without proof of death").isZero();
        assertThat(figures.scenarios).isEqualTo(scenarios);
        assertThat(violations).as("invariant violations (seed " + seed + ")").isEmpty();
    }

    private void runScenario(int index, long scenarioSeed) throws Exception {
        Random random = new Random(scenarioSeed);
        AtomicLong sequence = new AtomicLong();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Path dir = Files.createDirectory(tmp.resolve("s" + index));
        SimulatedQemu[] sims = SimulatedQemu.pair(dir, CHECKPOINT_MS, sequence::incrementAndGet);
        CampaignTrail trail = new CampaignTrail(sequence::incrementAndGet);
        PairSupervisor supervisor = new PairSupervisor(
                PairConfig.of(sims[0].endpoint(), sims[1].endpoint()).withHeartbeat(HEARTBEAT), trail,
                Clock.systemUTC());
        FailoverRunner runner = new FailoverRunner(supervisor, Duration.ofSeconds(2), Duration.ofSeconds(2),
                org.coloconsole.testing.TestClaims.thisProcess());
        Scenario scenario = new Scenario(index, scenarioSeed, random, sims, supervisor, runner, trail);
        // the policy on in every other scenario, with a short grace so that it races the operator's failovers
        Optional<AutoFailover> auto = index % 2 == 0 ? Optional.empty() : Optional.of(new AutoFailover(supervisor,
                runner, true, Duration.ofMillis(random.nextInt(150)), MonotonicClock.system()));
        auto.ifPresent(policy -> {
            policy.onDecision(decision -> {
                if (decision.kind() == AutoFailoverDecision.Kind.PROMOTE) {
                    scenario.autoPromoting(decision.target().orElseThrow());
                }
            });
            policy.onRun(scenario.autoRuns::add);
        });
        try {
            supervisor.start();
            auto.ifPresent(AutoFailover::start);
            if (!waitUntil(() -> protectedPair(supervisor.snapshot().state()), Duration.ofSeconds(10))) {
                violation(scenario, 0, "the pair never looked protected: " + describe(supervisor.snapshot().state()));
                return;
            }
            int steps = 2 + random.nextInt(5);
            for (int step = 1; step <= steps; step++) {
                scenario.step(step);
                checkInvariants(scenario, step);
            }
            // the policy may be half-way through a runbook: it ends (closing waits for it) before the journal is read
            auto.ifPresent(AutoFailover::close);
            runner.idle().get(30, TimeUnit.SECONDS);
            checkJournal(scenario);
            auto.ifPresent(policy -> checkAutomaticActions(scenario));
        } finally {
            auto.ifPresent(AutoFailover::close);
            runner.close();
            supervisor.close();
            sims[0].close();
            sims[1].close();
            figures.scenarios++;
        }
        if (!waitUntil(() -> leftBehind(before).isEmpty(), Duration.ofSeconds(5))) {
            violation(scenario, -1, "threads left behind after close: " + leftBehind(before));
        }
    }

    /** One scenario's world and its random choices. */
    private final class Scenario {
        final int index;
        final long seed;
        final Random random;
        final SimulatedQemu[] sims;
        final PairSupervisor supervisor;
        final FailoverRunner runner;
        final CampaignTrail trail;
        final boolean[] dead = new boolean[2];
        final boolean[] hung = new boolean[2];
        /** Kills of each side so far (reconnect storms included): read on the policy's thread. */
        final AtomicIntegerArray kills = new AtomicIntegerArray(2);
        final List<AutoFailoverRun> autoRuns = new CopyOnWriteArrayList<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        Scenario(int index, long seed, Random random, SimulatedQemu[] sims, PairSupervisor supervisor,
                 FailoverRunner runner, CampaignTrail trail) {
            this.index = index;
            this.seed = seed;
            this.random = random;
            this.sims = sims;
            this.supervisor = supervisor;
            this.runner = runner;
            this.trail = trail;
        }

        void step(int step) throws Exception {
            int i = random.nextInt(2);
            Side side = i == 0 ? Side.PRIMARY : Side.SECONDARY;
            SimulatedQemu sim = sims[i];
            int choice = random.nextInt(100);
            if (choice < 15 && !dead[i]) {
                log.add("kill " + side.label());
                figures.faults++;
                figures.kills++;
                long t0 = System.nanoTime();
                kills.incrementAndGet(i);
                sim.kill();
                dead[i] = true;
                hung[i] = false;
                if (waitUntil(() -> status(side) == HeartbeatStatus.LOST, KILL_BOUND)) {
                    figures.detected++;
                    figures.maxKillDetectionMs = Math.max(figures.maxKillDetectionMs, millisSince(t0));
                } else {
                    violation(this, step, "kill of the " + side.label() + " not seen as LOST within "
                            + KILL_BOUND.toMillis() + " ms: " + status(side));
                }
                if (random.nextBoolean()) {
                    restart(step, i, side);
                }
            } else if (choice < 30 && !dead[i] && !hung[i] && answering(side)) {
                log.add("hang " + side.label());
                figures.faults++;
                figures.hangs++;
                long t0 = System.nanoTime();
                sim.hang();
                hung[i] = true;
                if (waitUntil(() -> status(side) == HeartbeatStatus.UNRESPONSIVE, HANG_BOUND)) {
                    figures.detected++;
                    figures.maxHangDetectionMs = Math.max(figures.maxHangDetectionMs, millisSince(t0));
                } else {
                    violation(this, step, "hang of the " + side.label() + " not seen as UNRESPONSIVE within "
                            + HANG_BOUND.toMillis() + " ms: " + status(side));
                }
            } else if (choice < 38 && hung[i]) {
                log.add("unhang " + side.label());
                sim.unhang();
                hung[i] = false;
                if (!waitUntil(() -> answering(side), Duration.ofSeconds(3))) {
                    violation(this, step, "the " + side.label() + " answers again after SIGCONT but the console"
                            + " still says " + status(side));
                }
            } else if (choice < 45 && !dead[i]) {
                long millis = 5 + random.nextInt(60);
                log.add("slow " + side.label() + " " + millis + " ms");
                figures.faults++;
                figures.slow++;
                sim.slow(millis);
            } else if (choice < 52 && !dead[i] && !hung[i] && answering(side)) {
                log.add("garbage " + side.label());
                figures.faults++;
                figures.garbage++;
                java.time.Instant sent = java.time.Instant.now();
                sim.garbage();
                // the client drops a connection that speaks garbage and comes back: its state is re-read
                if (!waitUntil(() -> supervisor.snapshot().state().side(side).gap()
                        .map(g -> !g.until().isBefore(sent)).orElse(false)
                        && answering(side) && supervisor.snapshot().state().side(side).synced(),
                        Duration.ofSeconds(5))) {
                    violation(this, step, "after a garbage line the " + side.label()
                            + " never came back: " + status(side));
                }
            } else if (choice < 57 && dead[i]) {
                restart(step, i, side);
            } else if (choice < 64 && !dead[i]) {
                log.add("duplicate COLO_EXIT " + side.label());
                figures.faults++;
                figures.duplicateExits++;
                sim.duplicateNextExit();
            } else if (choice < 71 && !dead[i]) {
                log.add("out-of-order COLO_EXIT " + side.label());
                figures.faults++;
                figures.reorderedExits++;
                sim.reorderNextExit();
            } else if (choice < 76 && !dead[i] && !hung[i]) {
                reconnectStorm(step, i, side);
            } else {
                failover(step, side);
            }
        }

        /** The process dies and comes back several times faster than the console can settle. */
        private void reconnectStorm(int step, int i, Side side) throws InterruptedException {
            int cycles = 2 + random.nextInt(4);
            log.add("reconnect storm " + side.label() + " ×" + cycles);
            figures.faults++;
            figures.storms++;
            for (int k = 0; k < cycles; k++) {
                kills.incrementAndGet(i);
                sims[i].kill();
                Thread.sleep(random.nextInt(30));
                sims[i].restart();
                Thread.sleep(random.nextInt(30));
            }
            // the console must end up on the last process, as it is: answering, re-read, not in COLO
            if (waitUntil(() -> answering(side) && supervisor.snapshot().state().side(side).synced()
                    && !supervisor.snapshot().state().side(side).inColo(), Duration.ofSeconds(8))) {
                figures.stormsSettled++;
            } else {
                violation(this, step, "after a reconnect storm the console did not settle on the "
                        + side.label() + "'s last process within 8 s: "
                        + describe(supervisor.snapshot().state()));
            }
        }

        private void restart(int step, int i, Side side) {
            log.add("restart " + side.label());
            figures.faults++;
            figures.restarts++;
            sims[i].restart();
            dead[i] = false;
            if (!waitUntil(() -> answering(side) && supervisor.snapshot().state().side(side).synced(),
                    Duration.ofSeconds(8))) {
                violation(this, step, "the restarted " + side.label() + " was not reconnected within 8 s: "
                        + status(side));
            }
        }

        private void failover(int step, Side target) throws Exception {
            int other = target == Side.PRIMARY ? 1 : 0;
            // a truthful operator: acknowledges fencing only when the other host really is gone or frozen
            boolean ack = (dead[other] || hung[other]) && random.nextBoolean();
            log.add("failover to " + target.label() + (ack ? " (fencing acknowledged)" : ""));
            figures.failoversAttempted++;
            FailoverOutcome outcome = runner.run(new FailoverRequest(target, ack), new FailoverPlan.Options(
                    random.nextInt(4) == 0, random.nextBoolean()), report -> { })
                    .get(30, TimeUnit.SECONDS);
            log.add("  → " + outcome.result() + ": " + outcome.sentence());
            switch (outcome.result()) {
                case VERIFIED:
                    figures.failoversVerified++;
                    break;
                case REFUSED:
                    figures.failoversRefused++;
                    break;
                default:
                    figures.failoversFailed++;
                    notes.add("scenario " + index + " (seed " + seed + ") step " + step + ": failover FAILED: "
                            + outcome.sentence() + "; steps: " + log);
                    break;
            }
            if (outcome.result() == FailoverOutcome.Result.VERIFIED && hung[other]) {
                // what the operator acknowledged: the frozen host is powered off
                log.add("operator fences the frozen " + target.other().label());
                sims[other].kill();
                dead[other] = true;
                hung[other] = false;
            }
            // a quit fence ends the other process
            dead[other] = dead[other] || !sims[other].view().alive();
        }

        /**
         * On the policy's thread, as it decides to promote {@code target}: what the other side's simulated QEMU is
         * now. Without a fence action the only proof is its process gone: a frozen one (alive, hung) or one never
         * killed must never be promoted over.
         */
        void autoPromoting(Side target) {
            int other = target == Side.PRIMARY ? 1 : 0;
            SimulatedQemu.View view = sims[other].view();
            figures.autoPromotions++;
            log.add("automatic promotion of the " + target.label() + " (the " + target.other().label() + ": "
                    + (view.alive() ? view.hung() ? "frozen" : "running" : "gone") + ")");
            if (view.alive() && (view.hung() || kills.get(other) == 0)) {
                figures.autoPromotionsWithoutProof++;
                violation(this, -1, "the policy promoted the " + target.label() + " while the "
                        + target.other().label() + "'s QEMU runs (" + view + "): no proof of death");
            }
        }

        HeartbeatStatus status(Side side) {
            return supervisor.snapshot().state().side(side).heartbeat().status();
        }

        boolean answering(Side side) {
            return supervisor.snapshot().state().side(side).answering();
        }
    }

    private void checkInvariants(Scenario s, int step) throws Exception {
        PairState state = s.supervisor.settled().get(5, TimeUnit.SECONDS).state();
        SimulatedQemu.View p = s.sims[0].view();
        SimulatedQemu.View q = s.sims[1].view();
        if (state.primary().tookOver() && state.secondary().tookOver()) {
            figures.doublePromotions++;
            violation(s, step, "the console shows both sides took over: " + describe(state));
        }
        if (p.promoted() && q.promoted()) {
            figures.doublePromotions++;
            violation(s, step, "both simulated sides left COLO on request: " + p + " / " + q);
        }
        if ((p.carriesOn() && q.guestRuns()) || (q.carriesOn() && p.guestRuns())) {
            figures.doublePromotions++;
            violation(s, step, "a promoted guest runs beside the other one: " + p + " / " + q);
        }
        for (Side side : Side.values()) {
            SimulatedQemu.View view = side == Side.PRIMARY ? p : q;
            // includes a promoted side killed and restarted: the fresh process took nothing over
            if (state.side(side).tookOver() && !view.promoted() && view.alive()) {
                violation(s, step, "the console says the " + side.label() + " took over but it did not: " + view);
            }
        }
    }

    /**
     * Every automatic action is journaled with its reasons: each decision of the policy, and each promotion durable
     * before the runbook's own intent (or refusal); never more than one automatic runbook.
     */
    private void checkAutomaticActions(Scenario s) {
        List<CampaignTrail.Entry> decisions = s.trail.ofKind("auto-failover");
        for (CampaignTrail.Entry e : decisions) {
            Object reasons = e.fields().get("reasons");
            if (!(reasons instanceof List<?> list) || list.isEmpty() || list.stream().anyMatch(r -> r.toString()
                    .isBlank())) {
                violation(s, -1, "an automatic-failover record without its reasons: " + e);
            }
        }
        List<CampaignTrail.Entry> promotes = decisions.stream()
                .filter(e -> "PROMOTE".equals(e.fields().get("decision"))).toList();
        if (promotes.size() > 1 || s.autoRuns.size() > 1) {
            figures.doublePromotions++;
            violation(s, -1, "the policy promoted " + promotes.size() + " times (" + s.autoRuns.size()
                    + " runbooks): it must disarm after one");
        }
        for (CampaignTrail.Entry promote : promotes) {
            figures.autoPromotionsJournaled++;
            if (!promote.durable()) {
                violation(s, -1, "the policy's PROMOTE was not durable: " + promote);
            }
            boolean followed = s.trail.entries.stream().anyMatch(e -> e.seq() > promote.seq()
                    && (e.kind().equals("action-intent") || e.kind().equals("action-refused")));
            if (!followed && !s.autoRuns.isEmpty()) {
                violation(s, -1, "the policy's PROMOTE was not followed by the runbook's intent or refusal");
            }
        }
        for (AutoFailoverRun run : s.autoRuns) {
            if (run.outcome().verified()) {
                figures.autoPromotionsVerified++;
            }
        }
        long outcomes = decisions.stream().filter(e -> "PROMOTED".equals(e.fields().get("decision"))).count();
        if (outcomes != s.autoRuns.size()) {
            violation(s, -1, s.autoRuns.size() + " automatic runbooks but " + outcomes + " PROMOTED records");
        }
    }

    /** Every operator command reached QEMU after a durable intent and before the durable outcome. */
    private void checkJournal(Scenario s) {
        List<CampaignTrail.Entry> intents = s.trail.ofKind("action-intent");
        List<CampaignTrail.Entry> outcomes = s.trail.ofKind("action-outcome");
        if (intents.size() != outcomes.size()) {
            violation(s, -1, intents.size() + " action intents but " + outcomes.size() + " outcomes");
            return;
        }
        for (int k = 0; k < intents.size(); k++) {
            if (!intents.get(k).durable() || !outcomes.get(k).durable()) {
                violation(s, -1, "an action record was not durable");
            }
        }
        for (SimulatedQemu sim : s.sims) {
            for (SimulatedQemu.Received r : sim.received()) {
                if (!OPERATOR_COMMANDS.contains(r.command())) {
                    continue;
                }
                boolean covered = false;
                for (int k = 0; k < intents.size(); k++) {
                    if (intents.get(k).seq() < r.seq() && r.seq() < outcomes.get(k).seq()) {
                        covered = true;
                        break;
                    }
                }
                if (!covered) {
                    violation(s, -1, sim.role() + " received " + r.command() + " (seq " + r.seq()
                            + ") outside any journaled intent/outcome");
                }
            }
        }
        figures.operatorCommandsChecked += s.sims[0].received().stream()
                .filter(r -> OPERATOR_COMMANDS.contains(r.command())).count()
                + s.sims[1].received().stream().filter(r -> OPERATOR_COMMANDS.contains(r.command())).count();
    }

    private void violation(Scenario s, int step, String what) {
        violations.add("scenario " + s.index + " (seed " + s.seed + ") step " + step + ": " + what + "; steps: "
                + s.log);
    }

    private static boolean protectedPair(PairState state) {
        return state.primary().answering() && state.secondary().answering() && state.primary().synced()
                && state.secondary().synced() && state.primary().inColo() && state.secondary().inColo();
    }

    private static String describe(PairState state) {
        return side(state.primary()) + " | " + side(state.secondary()) + " | failover " + state.failover().phase();
    }

    private static String side(SideState s) {
        return s.side() + " " + s.heartbeat().status() + " mode=" + s.coloMode().raw() + " running=" + s.running()
                + " tookOver=" + s.tookOver();
    }

    private static Set<Thread> leftBehind(Set<Thread> before) {
        Set<Thread> now = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !before.contains(t) && !t.getName().startsWith("ForkJoinPool.commonPool")) {
                now.add(t);
            }
        }
        return now;
    }

    private static boolean waitUntil(BooleanSupplier condition, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
