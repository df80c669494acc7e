package org.coloconsole.campaign;

import org.coloconsole.testing.Needs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.colo.ConnectionStatus;
import org.coloconsole.colo.FailoverInterlock;
import org.coloconsole.colo.FailoverPlan;
import org.coloconsole.colo.FailoverRequest;
import org.coloconsole.colo.HeartbeatStatus;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.engine.FailoverOutcome;
import org.coloconsole.engine.FailoverRunner;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.PairSupervisor;
import org.coloconsole.testing.NamespacedColoPair;
import org.coloconsole.testing.NetworkNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network partition between the console and the secondary of a real COLO pair: the secondary runs in a network
 * namespace of the test's own, and the link is cut by setting its namespace end down (every frame dropped, no RST:
 * unlike a kill, nothing tells either end that the other is gone). The console must call the side UNRESPONSIVE,
 * journal it, and neither advise nor allow a blind promotion. A short cut heals on the same connection; a long one
 * makes the console drop the silent connection and try again, and the attempts that time out make the side
 * UNREACHABLE — a network problem, not a hung QEMU; after the heal, a reconnect, a resync and a journaled gap.
 */
class NetworkPartitionTest {
    /**
     * A 4 s ping timeout: the console drops a connection silent for 8 s ({@link HeartbeatSettings#reconnectAfterSilence}),
     * so the short cut below, checks and all, stays well inside one connection even on a loaded machine.
     */
    private static final HeartbeatSettings HEARTBEAT = new HeartbeatSettings(Duration.ofMillis(100), 3,
            Duration.ofSeconds(4));
    /** The heartbeat's own bound, plus the slack a loaded 2-core machine needs to run its threads. */
    private static final Duration UNRESPONSIVE_BOUND = HEARTBEAT.unresponsiveAfter().plusMillis(1000);
    /** After a heal TCP resends at its next backed-off retransmission: up to twice the cut's length later. */
    private static final Duration HEAL_BOUND = Duration.ofSeconds(40);

    private NamespacedColoPair pair;
    private PairSupervisor supervisor;
    private FailoverRunner runner;
    private final AtomicLong sequence = new AtomicLong();
    private final CampaignTrail trail = new CampaignTrail(sequence::incrementAndGet);
    /** The real journal beside the in-memory trail: the operator reads this file afterwards. */
    private JournalAuditTrail journal;

    @TempDir
    Path journalDir;

    @BeforeEach
    void startPairWithTheSecondaryInANamespace() throws IOException {
        Needs.satisfied(NetworkNamespace.unavailableBecause().map(why -> "no network namespace for the partition: "
                + why));
        // 1 s: "still checkpoints" means one within 2 delays, which a loaded 2-core machine can miss at 300 ms
        pair = NamespacedColoPair.start(Duration.ofSeconds(1), Duration.ofSeconds(30));
        journal = JournalAuditTrail.open(journalDir);
        // the secondary's monitor is not on loopback: plain TCP to it is refused unless allowed
        supervisor = new PairSupervisor(PairConfig.of(pair.primaryConsole(), pair.secondaryConsole())
                .withHeartbeat(HEARTBEAT).withAllowInsecure(true), new BothTrails(trail, journal), Clock.systemUTC());
        runner = new FailoverRunner(supervisor, Duration.ofSeconds(3), Duration.ofSeconds(3),
                org.coloconsole.testing.TestClaims.thisProcess());
        supervisor.start();
        await("a protected pair").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> supervisor.snapshot().recommendation().kind() == Recommendation.Kind.PROTECTED
                        && state().primary().synced() && state().secondary().synced());
    }

    @AfterEach
    void stopEverything() {
        try {
            if (runner != null) {
                runner.close();
            }
            if (supervisor != null) {
                supervisor.close();
            }
        } finally {
            try {
                if (pair != null) {
                    pair.close();
                }
            } finally {
                if (journal != null) {
                    journal.close();
                }
            }
        }
    }

    /** Closes the console, then its journal, and returns the journal's lines. */
    private List<String> journalLines() throws IOException {
        runner.close();
        supervisor.close();
        journal.close();
        return Files.readAllLines(journalDir.resolve("journal.jsonl"), StandardCharsets.UTF_8);
    }

    @Test
    void cutBetweenTheConsoleAndTheSecondaryWhileReplicationGoesOn() throws Exception {
        NetworkNamespace ns = pair.namespace();

        // a short cut: QEMU's TCP keeps the connection, so the console's connection survives it too
        cutAndCheckTheConsoleStaysCareful(List.of(NamespacedColoPair.CONSOLE_LINK));
        long before = sequence.get();
        ns.heal(NamespacedColoPair.CONSOLE_LINK);
        await("the secondary answers again").atMost(HEAL_BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> state().secondary().answering());
        await("protected again").atMost(Duration.ofSeconds(5))
                .until(() -> supervisor.snapshot().recommendation().kind() == Recommendation.Kind.PROTECTED);
        assertThat(stateRecords(Side.SECONDARY, "connection", before)).as("no reconnect after a short cut").isEmpty();
        assertThat(stateRecords(Side.SECONDARY, "gap", before)).as("nothing was lost: TCP kept it").isEmpty();

        // a cut that outlasts the heartbeat's patience: the console drops the silent connection itself, and its new
        // attempts time out, so the secondary is UNREACHABLE (a network problem), not merely UNRESPONSIVE (a hang)
        long cutMark = sequence.get();
        cutAndCheckTheConsoleStaysCareful(List.of(NamespacedColoPair.CONSOLE_LINK));
        await("the console calls the secondary unreachable").atMost(HEARTBEAT.reconnectAfterSilence()
                        .plus(PairConfig.of(pair.primaryConsole(), pair.secondaryConsole()).connectTimeout())
                        .plusSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> state().secondary().heartbeat().status() == HeartbeatStatus.UNREACHABLE);
        assertThat(stateRecords(Side.SECONDARY, "connection", cutMark)).as("the console dropped the silent connection")
                .anyMatch(r -> "DISCONNECTED".equals(r.fields().get("to")));
        assertThat(stateRecords(Side.SECONDARY, "heartbeat", cutMark)).as("journaled")
                .anyMatch(r -> "UNREACHABLE".equals(r.fields().get("to")));
        await("still careful advice").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> settledAdvice().headline().contains("Do not fail over"));
        assertThat(settledAdvice().target()).as(settledAdvice().headline()).isEmpty();
        assertThat(FailoverInterlock.check(supervisor.settled().get(5, TimeUnit.SECONDS).state(),
                new FailoverRequest(Side.PRIMARY, true), Instant.now()).allowed())
                .as("replication still runs: not even with the fencing acknowledged").isFalse();
        aConsoleStartedDuringTheCutFindsTheSecondaryUnreachable();
        before = sequence.get();
        Instant healed = Instant.now();
        ns.heal(NamespacedColoPair.CONSOLE_LINK);
        // the next attempt gets through: reconnect, resync, the gap closed
        await("reconnected and re-read").atMost(HEAL_BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    SideState s = state().secondary();
                    return s.answering() && s.synced() && s.gap().map(g -> g.resynced()
                            && !g.until().isBefore(healed)).orElse(false);
                });
        assertThat(stateRecords(Side.SECONDARY, "connection", before)).as("the reconnect is journaled")
                .anyMatch(r -> "CONNECTED".equals(r.fields().get("to")));
        assertThat(stateRecords(Side.SECONDARY, "gap", before)).as("the gap is journaled").isNotEmpty();
        await("protected again").atMost(Duration.ofSeconds(5))
                .until(() -> supervisor.snapshot().recommendation().kind() == Recommendation.Kind.PROTECTED);
        SideState s = state().secondary();
        assertThat(s.coloMode().raw()).isEqualTo(pair.query(pair.secondaryHarness(), "query-colo-status")
                .string("mode").orElse("?")).isEqualTo("secondary");
        assertThat(s.tookOver()).isFalse();
        assertThat(state().primary().tookOver()).isFalse();
        assertThat(pair.bothAlive()).isTrue();
        System.out.println("long cut: reconnected and re-read " + Duration.between(healed, Instant.now()).toMillis()
                + " ms after the heal");
        List<String> lines = journalLines();
        assertThat(lines).as("the journal file").anyMatch(l -> l.contains("\"secondary\"")
                && l.contains("\"heartbeat\"") && l.contains("\"UNRESPONSIVE\""))
                .anyMatch(l -> l.contains("\"gap\"") && l.contains("\"secondary\""))
                .anyMatch(l -> l.contains("refused"));
    }

    @Test
    void cutOfTheSecondaryFromEverything() throws Exception {
        List<Integer> both = List.of(NamespacedColoPair.CONSOLE_LINK, NamespacedColoPair.REPLICATION_LINK);
        cutAndCheckTheConsoleStaysCareful(both);
        for (int link : both) {
            pair.namespace().heal(link);
        }
        await("the secondary answers again").atMost(HEAL_BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> state().secondary().answering() && state().secondary().synced());
        // whatever replication made of the cut, the console must tell what QEMU tells, and nobody took over
        await("the console agrees with both QEMUs").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> state().primary().coloMode().raw().equals(truthMode(pair.primaryHarness()))
                        && state().secondary().coloMode().raw().equals(truthMode(pair.secondaryHarness())));
        // neither QEMU's TCP gave up (the machine's default patience), so the blocked checkpoint completes
        long t0 = System.nanoTime();
        await("protected again").atMost(HEAL_BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> supervisor.snapshot().recommendation().kind() == Recommendation.Kind.PROTECTED);
        System.out.println("after healing a full cut: primary " + truthMode(pair.primaryHarness()) + ", secondary "
                + truthMode(pair.secondaryHarness()) + "; protected again after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        assertThat(state().primary().tookOver() || state().secondary().tookOver()).isFalse();
        assertThat(pair.bothAlive()).isTrue();
    }

    /** A second console, opened while the link is cut: its connects time out (no RST, no refusal). */
    private void aConsoleStartedDuringTheCutFindsTheSecondaryUnreachable() throws Exception {
        PairConfig config = PairConfig.of(pair.primaryConsole(), pair.secondaryConsole()).withHeartbeat(HEARTBEAT)
                .withAllowInsecure(true);
        // the primary's console monitor serves one client at a time: this console watches it through its harness
        PairConfig second = new PairConfig(pair.primaryHarness(), config.secondary(), config.heartbeat(),
                config.policy(), config.connectTimeout(), config.commandTimeout(), config.tls(), true);
        CampaignTrail secondTrail = new CampaignTrail(sequence::incrementAndGet);
        try (PairSupervisor fresh = new PairSupervisor(second, secondTrail, Clock.systemUTC())) {
            fresh.start();
            await("a fresh console calls the secondary unreachable")
                    .atMost(config.connectTimeout().plusSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> fresh.snapshot().state().secondary().heartbeat().status()
                            == HeartbeatStatus.UNREACHABLE);
            assertThat(secondTrail.ofKind("state")).as("journaled")
                    .anyMatch(r -> r.side() == Side.SECONDARY && "UNREACHABLE".equals(r.fields().get("to")));
            // the primary still checkpoints with it: not a reason to fail over, and the fresh console says so
            await("careful advice").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> fresh.settled().get(5, TimeUnit.SECONDS).recommendation().headline()
                            .contains("Do not fail over"));
            Recommendation advice = fresh.settled().get(5, TimeUnit.SECONDS).recommendation();
            assertThat(advice.target()).as(advice.headline()).isEmpty();
            PairState seen = fresh.settled().get(5, TimeUnit.SECONDS).state();
            assertThat(FailoverInterlock.check(seen, new FailoverRequest(Side.PRIMARY, true), Instant.now())
                    .allowed()).as("not even with the fencing acknowledged").isFalse();
        }
    }

    /**
     * Cuts {@code links}, then: UNRESPONSIVE within the heartbeat's bound and journaled; no blind advice; a failover
     * refused as the interlock says (with the fencing acknowledgement only when replication is cut as well).
     */
    private void cutAndCheckTheConsoleStaysCareful(List<Integer> links) throws Exception {
        boolean replicationCut = links.contains(NamespacedColoPair.REPLICATION_LINK);
        long before = sequence.get();
        long t0 = System.nanoTime();
        for (int link : links) {
            pair.namespace().cut(link);
        }
        await("the secondary seen as unresponsive").atMost(UNRESPONSIVE_BOUND).pollInterval(Duration.ofMillis(5))
                .until(() -> state().secondary().heartbeat().status() == HeartbeatStatus.UNRESPONSIVE);
        System.out.println("partition (" + (replicationCut ? "console and replication" : "console link only")
                + ") seen after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        assertThat(stateRecords(Side.SECONDARY, "heartbeat", before)).as("the change is journaled")
                .anyMatch(r -> "UNRESPONSIVE".equals(r.fields().get("to")));
        assertThat(state().secondary().connection()).as("no RST: the socket stays open")
                .isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(state().primary().answering()).isTrue();

        Recommendation advice = settledAdvice();
        assertThat(advice.kind()).as(advice.headline()).isNotEqualTo(Recommendation.Kind.PROMOTE_SECONDARY);
        if (!replicationCut) {
            // the primary still checkpoints with the secondary: its QEMU runs, only the console's view is cut
            // (a starved console may read replies that arrived before the cut late: wait for the advice, not a moment)
            await("advice that replication still runs").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20)).until(() -> settledAdvice().headline()
                            .contains("still checkpoints"));
            assertThat(settledAdvice().kind()).isEqualTo(Recommendation.Kind.DEGRADED);
            assertThat(settledAdvice().target()).isEmpty();
            assertThat(settledAdvice().headline()).contains("Do not fail over");
            FailoverOutcome refused = failover(Side.PRIMARY, true);
            assertThat(refused.result()).as(refused.sentence()).isEqualTo(FailoverOutcome.Result.REFUSED);
            assertThat(refused.sentence()).contains("still checkpoints");
        } else {
            // no checkpoint can pass: the primary may carry on, but only once the operator fenced the secondary
            await("advice to continue on the primary after fencing").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> settledAdvice().kind() == Recommendation.Kind.CONTINUE_ON_PRIMARY);
            assertThat(settledAdvice().needsFencingAcknowledgement()).isTrue();
            assertThat(settledAdvice().headline()).contains("Fence the secondary's host first");
            FailoverOutcome refused = failover(Side.PRIMARY, false);
            assertThat(refused.result()).as(refused.sentence()).isEqualTo(FailoverOutcome.Result.REFUSED);
            assertThat(refused.sentence()).contains("Fence its host");
            PairState now = supervisor.settled().get(5, TimeUnit.SECONDS).state();
            assertThat(FailoverInterlock.check(now, new FailoverRequest(Side.PRIMARY, true), Instant.now())
                    .allowed()).as("with the acknowledgement the interlock would let it run").isTrue();
        }
        FailoverOutcome toSecondary = failover(Side.SECONDARY, true);
        assertThat(toSecondary.result()).as(toSecondary.sentence()).isEqualTo(FailoverOutcome.Result.REFUSED);
        assertThat(trail.ofKind("action-refused").stream().filter(r -> r.seq() > before)).hasSize(2);
        assertThat(trail.ofKind("action-intent").stream().filter(r -> r.seq() > before)).as("nothing was sent")
                .isEmpty();
        assertThat(pair.query(pair.secondaryHarness(), "query-colo-status").string("mode"))
                .as("the secondary's QEMU itself is still in COLO").contains("secondary");
    }

    private FailoverOutcome failover(Side target, boolean fencingAcknowledged) throws Exception {
        return runner.run(new FailoverRequest(target, fencingAcknowledged), FailoverPlan.Options.defaults(), r -> { })
                .get(30, TimeUnit.SECONDS);
    }

    private PairState state() {
        return supervisor.snapshot().state();
    }

    private Recommendation settledAdvice() throws Exception {
        return supervisor.settled().get(5, TimeUnit.SECONDS).recommendation();
    }

    private List<CampaignTrail.Entry> stateRecords(Side side, String field, long after) {
        return trail.ofKind("state").stream()
                .filter(e -> e.side() == side && e.seq() > after && field.equals(e.fields().get("field"))).toList();
    }

    private String truthMode(org.coloconsole.qmp.Endpoint harness) throws Exception {
        return pair.query(harness, "query-colo-status").string("mode").orElse("?");
    }
}
