package org.coloconsole.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.coloconsole.testing.LabTiming;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.engine.AuditKind;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.engine.FailoverOutcome;
import org.coloconsole.engine.FailoverRunner;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smaller campaign on a real COLO pair (QEMU 7.2; under TCG with the lab's workaround): SIGKILL, SIGSTOP/SIGCONT, restarts (a side's
 * QEMU killed and started again on the same monitors, out of COLO) and operator failovers,
 * with the same invariants as {@link FaultCampaignTest}, the truth read from each QEMU's spare (harness) monitor.
 * {@code -Dcampaign.seed=N} replays; {@code -Dcampaign.lab.scenarios=N} sets the length.
 */
class LabFaultCampaignTest {
    private static final HeartbeatSettings HEARTBEAT = new HeartbeatSettings(Duration.ofMillis(50), 3,
            Duration.ofSeconds(1));
    private static final Duration HANG_BOUND = HEARTBEAT.unresponsiveAfter().plusMillis(1000);
    private static final Duration KILL_BOUND = Duration.ofMillis(1500);
    /** The new QEMU's monitor is up when restart returns; the console's reconnect backoff is at most 5 s. */
    private static final Duration RESTART_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final CampaignFigures figures = new CampaignFigures();
    private final List<String> violations = new ArrayList<>();

    @Test
    void labCampaign() throws Exception {
        long seed = Long.getLong("campaign.seed", 7L);
        int scenarios = Integer.getInteger("campaign.lab.scenarios", 8);
        System.out.println("lab fault campaign seed " + seed + " (replay with -Dcampaign.seed=" + seed + ")");
        Random seeds = new Random(seed);
        for (int i = 0; i < scenarios; i++) {
            runScenario(i, seeds.nextLong());
        }
        System.out.println("lab fault campaign seed " + seed + ": " + figures);
        violations.forEach(v -> System.out.println("VIOLATION " + v));
        assertThat(figures.doublePromotions).as("double promotions").isZero();
        assertThat(violations).as("invariant violations (seed " + seed + ")").isEmpty();
    }

    private void runScenario(int index, long scenarioSeed) throws Exception {
        Random random = new Random(scenarioSeed);
        List<String> log = new ArrayList<>();
        String where = "lab scenario " + index + " (seed " + scenarioSeed + ")";
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        LabPair lab = LabPair.start(LabOptions.defaults().withRunDir(Files.createDirectory(tmp.resolve("lab" + index)))
                .withCheckpointDelay(LabTiming.checkpointDelay(Duration.ofMillis(200))));
        OrderedTrail trail = new OrderedTrail();
        PairSupervisor supervisor = new PairSupervisor(PairConfig.of(lab.primaryConsoleEndpoint(),
                lab.secondaryConsoleEndpoint()).withHeartbeat(HEARTBEAT), trail, Clock.systemUTC());
        FailoverRunner runner = new FailoverRunner(supervisor, Duration.ofSeconds(3), Duration.ofSeconds(3),
                org.coloconsole.testing.TestClaims.thisProcess());
        boolean[] dead = new boolean[2];
        boolean[] stopped = new boolean[2];
        try {
            supervisor.start();
            if (!waitUntil(() -> {
                PairState s = supervisor.snapshot().state();
                return s.primary().answering() && s.secondary().answering() && s.primary().synced()
                        && s.secondary().synced() && s.primary().inColo() && s.secondary().inColo();
            }, Duration.ofSeconds(15))) {
                violations.add(where + ": the pair never looked protected");
                return;
            }
            figures.scenarios++;
            int steps = 1 + random.nextInt(3);
            for (int step = 1; step <= steps; step++) {
                int i = random.nextInt(2);
                LabSide labSide = i == 0 ? LabSide.PRIMARY : LabSide.SECONDARY;
                Side side = i == 0 ? Side.PRIMARY : Side.SECONDARY;
                int choice = random.nextInt(100);
                if (choice < 30 && !dead[i]) {
                    log.add("SIGKILL " + side.label());
                    figures.faults++;
                    figures.kills++;
                    long t0 = System.nanoTime();
                    lab.kill(labSide, LabSignal.KILL);
                    dead[i] = true;
                    stopped[i] = false;
                    if (waitUntil(() -> status(supervisor, side) == HeartbeatStatus.LOST, KILL_BOUND)) {
                        figures.detected++;
                        figures.maxKillDetectionMs = Math.max(figures.maxKillDetectionMs,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                    } else {
                        violations.add(where + " step " + step + ": SIGKILL of the " + side.label()
                                + " not seen as LOST: " + status(supervisor, side) + "; " + log);
                    }
                } else if (choice < 30 || (choice >= 60 && choice < 70 && !dead[i] && !stopped[i])) {
                    // a dead side brought back, or a live one crashing and brought back at once
                    restart(where + " step " + step, supervisor, lab, labSide, side, log);
                    dead[i] = false;
                    stopped[i] = false;
                } else if (choice < 60 && !dead[i] && !stopped[i]) {
                    log.add("SIGSTOP " + side.label());
                    figures.faults++;
                    figures.hangs++;
                    long t0 = System.nanoTime();
                    lab.kill(labSide, LabSignal.STOP);
                    stopped[i] = true;
                    if (waitUntil(() -> status(supervisor, side) == HeartbeatStatus.UNRESPONSIVE, HANG_BOUND)) {
                        figures.detected++;
                        figures.maxHangDetectionMs = Math.max(figures.maxHangDetectionMs,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                    } else {
                        violations.add(where + " step " + step + ": SIGSTOP of the " + side.label()
                                + " not seen as UNRESPONSIVE: " + status(supervisor, side) + "; " + log);
                    }
                } else if (choice < 70 && stopped[i]) {
                    log.add("SIGCONT " + side.label());
                    lab.kill(labSide, LabSignal.CONT);
                    stopped[i] = false;
                } else {
                    int other = 1 - i;
                    boolean ack = (dead[other] || stopped[other]) && random.nextBoolean();
                    log.add("failover to " + side.label() + (ack ? " (fencing acknowledged)" : ""));
                    figures.failoversAttempted++;
                    FailoverOutcome outcome = runner.run(new FailoverRequest(side, ack),
                            FailoverPlan.Options.defaults(), r -> { }).get(30, TimeUnit.SECONDS);
                    log.add("  → " + outcome.result() + ": " + outcome.sentence());
                    if (outcome.result() == FailoverOutcome.Result.VERIFIED) {
                        figures.failoversVerified++;
                        if (stopped[other]) {
                            // what the operator acknowledged: the frozen host is powered off
                            lab.kill(other == 0 ? LabSide.PRIMARY : LabSide.SECONDARY, LabSignal.KILL);
                            dead[other] = true;
                            stopped[other] = false;
                        }
                    } else if (outcome.result() == FailoverOutcome.Result.REFUSED) {
                        figures.failoversRefused++;
                    } else {
                        figures.failoversFailed++;
                    }
                }
                checkInvariants(where + " step " + step, supervisor, lab, dead, stopped, log);
            }
            checkJournal(where, trail);
            System.out.println(where + ": " + log);
            if (!violations.isEmpty() && violations.get(violations.size() - 1).startsWith(where)) {
                System.out.println(where + " events (checkpoints left out): " + trail.events.stream()
                        .filter(e -> !e.contains("MIGRATION_PASS")).skip(Math.max(0, trail.events.size() - 40))
                        .toList());
            }
        } finally {
            runner.close();
            supervisor.close();
            for (LabSide s : LabSide.values()) {
                if (stopped[s == LabSide.PRIMARY ? 0 : 1]) {
                    lab.kill(s, LabSignal.CONT);
                }
            }
            lab.close();
        }
        if (!waitUntil(() -> leftBehind(before).isEmpty(), Duration.ofSeconds(5))) {
            violations.add(where + ": threads left behind: " + leftBehind(before));
        }
    }

    /**
     * Restarts that side and checks what the console makes of the new process: reconnected and re-read (a gap that
     * ends after the restart), no COLO_EXIT kept from the killed process, run state and COLO mode as the new QEMU
     * reports them, and not taken over.
     */
    private void restart(String where, PairSupervisor supervisor, LabPair lab, LabSide labSide, Side side,
                         List<String> log) throws Exception {
        log.add("restart " + side.label());
        figures.faults++;
        figures.restarts++;
        java.time.Instant restartedAt = java.time.Instant.now();
        long t0 = System.nanoTime();
        lab.restart(labSide);
        boolean resynced = waitUntil(() -> {
            SideState s = supervisor.snapshot().state().side(side);
            return s.answering() && s.synced()
                    && s.gap().map(g -> g.resynced() && !g.until().isBefore(restartedAt)).orElse(false);
        }, RESTART_BOUND);
        if (!resynced) {
            violations.add(where + ": the console did not reconnect to the restarted " + side.label()
                    + " and re-read it within " + RESTART_BOUND.toSeconds() + " s: "
                    + supervisor.snapshot().state().side(side) + "; " + log);
            return;
        }
        figures.restartsResynced++;
        figures.maxRestartResyncMs = Math.max(figures.maxRestartResyncMs,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        SideState seen = supervisor.settled().get(5, TimeUnit.SECONDS).state().side(side);
        String truthStatus;
        String truthMode;
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("campaign-harness"))) {
            client.connect(lab.harnessEndpoint(labSide));
            truthStatus = client.execute("query-status").get(5, TimeUnit.SECONDS).string("status").orElse("?");
            truthMode = client.execute("query-colo-status").get(5, TimeUnit.SECONDS).string("mode").orElse("?");
        }
        if (seen.lastExit().isPresent()) {
            violations.add(where + ": the restarted " + side.label() + " still shows the killed process's COLO_EXIT "
                    + seen.lastExit().get() + "; " + log);
        }
        if (!seen.runState().equals(truthStatus) || !seen.coloMode().raw().equals(truthMode)) {
            violations.add(where + ": the console shows the restarted " + side.label() + " as " + seen.runState()
                    + "/" + seen.coloMode().raw() + ", QEMU says " + truthStatus + "/" + truthMode + "; " + log);
        }
        if (seen.tookOver()) {
            violations.add(where + ": the restarted " + side.label() + " is shown as having taken over; " + log);
        }
    }

    private void checkInvariants(String where, PairSupervisor supervisor, LabPair lab, boolean[] dead,
                                 boolean[] stopped, List<String> log) throws Exception {
        PairState state = supervisor.settled().get(5, TimeUnit.SECONDS).state();
        if (state.primary().tookOver() && state.secondary().tookOver()) {
            figures.doublePromotions++;
            violations.add(where + ": the console shows both sides took over; " + log);
        }
        // the truth, from QEMU's own spare monitors (a dead or frozen side runs no guest)
        Optional<Truth> p = dead[0] || stopped[0] ? Optional.empty() : truth(lab, LabSide.PRIMARY);
        Optional<Truth> q = dead[1] || stopped[1] ? Optional.empty() : truth(lab, LabSide.SECONDARY);
        boolean pOn = p.map(t -> t.running && t.tookOver).orElse(false);
        boolean qOn = q.map(t -> t.running && t.tookOver).orElse(false);
        boolean pRuns = p.map(t -> t.running).orElse(false);
        boolean qRuns = q.map(t -> t.running).orElse(false);
        if ((pOn && qRuns) || (qOn && pRuns)) {
            figures.doublePromotions++;
            violations.add(where + ": two guests run and one of them took over: " + p + " / " + q + "; " + log);
        }
    }

    private record Truth(boolean running, boolean tookOver, String colo) {
    }

    private static Optional<Truth> truth(LabPair lab, LabSide side) {
        try (QmpClient client = new QmpClient(QmpClientOptions.defaults("campaign-harness"))) {
            client.connect(lab.harnessEndpoint(side));
            QmpValue status = client.execute("query-status").get(5, TimeUnit.SECONDS);
            QmpValue colo = client.execute("query-colo-status").get(5, TimeUnit.SECONDS);
            boolean tookOver = colo.string("mode").orElse("").equals("none")
                    && colo.string("reason").orElse("").equals("request");
            return Optional.of(new Truth(status.bool("running").orElse(false), tookOver, colo.toJson()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Every action: a durable intent before its first step, a durable outcome after its last. */
    private void checkJournal(String where, OrderedTrail trail) {
        List<String> kinds = trail.kinds();
        boolean inAction = false;
        for (int k = 0; k < kinds.size(); k++) {
            String kind = kinds.get(k);
            if (kind.equals("action-intent")) {
                inAction = true;
            } else if (kind.equals("action-step")) {
                figures.operatorCommandsChecked++;
                if (!inAction) {
                    violations.add(where + ": an action step without an intent before it: " + kinds);
                }
            } else if (kind.equals("action-outcome")) {
                if (!inAction) {
                    violations.add(where + ": an action outcome without an intent: " + kinds);
                }
                inAction = false;
            }
        }
        if (inAction) {
            violations.add(where + ": an action intent without an outcome");
        }
        if (trail.nonDurableActions > 0) {
            violations.add(where + ": " + trail.nonDurableActions + " intent/outcome records were not durable");
        }
    }

    /** The order of the records is all this campaign needs; QEMU's own side cannot be stamped. */
    private static final class OrderedTrail implements AuditTrail {
        private final List<String> kinds = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int nonDurableActions;
        /** Every event both sides sent, for the report of a violation. */
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void event(Side side, org.coloconsole.qmp.QmpEvent event) {
            events.add(side.label() + ":" + event.name() + (event.data().isMissing() ? "" : event.data().toJson()));
        }

        @Override
        public void record(AuditKind kind, Side side, java.time.Instant at, Map<String, Object> fields) {
            if (kind == AuditKind.ACTION_INTENT || kind == AuditKind.ACTION_OUTCOME) {
                nonDurableActions++;
            }
            if (kind.journalKind().isAction()) {
                kinds.add(kind.what());
            }
        }

        @Override
        public void durable(AuditKind kind, Side side, java.time.Instant at, Map<String, Object> fields) {
            kinds.add(kind.what());
        }

        List<String> kinds() {
            return List.copyOf(kinds);
        }

        @Override
        public String location() {
            return "lab campaign memory";
        }

        @Override
        public void close() {
        }
    }

    private static HeartbeatStatus status(PairSupervisor supervisor, Side side) {
        return supervisor.snapshot().state().side(side).heartbeat().status();
    }

    private static Set<Thread> leftBehind(Set<Thread> before) {
        Set<Thread> now = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !before.contains(t) && !t.getName().startsWith("ForkJoinPool.commonPool")
                    && !t.getName().startsWith("process reaper")) {
                now.add(t);
            }
        }
        return now;
    }

    private static boolean waitUntil(BooleanSupplier condition, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
