package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.coloconsole.colo.Claim;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.colo.SwitchoverPlan;
import org.coloconsole.qmp.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A swap is refused before it reads or sends anything while another console of this host swaps the pair (the swap's
 * own lock) or runs a failover or restore on it (the pair's lock), and before it sends anything while a side's state
 * is unknown. No QEMU is needed: nothing may be sent.
 */
class SwitchoverInterlockTest {
    @TempDir
    Path temp;

    private final MemoryAuditTrail trail = new MemoryAuditTrail();
    private final List<String> calls = new ArrayList<>();

    @Test
    void aSecondSwapWhileAnotherConsoleSwapsThePairIsRefusedByName() throws Exception {
        PairClaims claims = claims("alice", 100);
        Claim other = new Claim("host-a", "bob", 200, "2026-12-02T16:00:00Z", "n2");
        PairConfig config = config();
        try (PairLock held = claims.locks().tryAcquire(Switchover.lockFile(claims, config.secondary(), config.primary()),
                other).lock().orElseThrow()) {
            SwitchoverOutcome outcome = run(config, claims);

            assertThat(outcome.refused()).isTrue();
            assertThat(outcome.ending()).isEqualTo(SwitchoverPlan.Ending.NOTHING_CHANGED);
            assertThat(outcome.sentence()).contains("Another swap of this pair runs").contains(other.holder());
        }
        assertThat(calls).as("nothing read, opened or started").isEmpty();
        assertThat(trail.ofKind("action-refused")).hasSize(1);
        assertThat(trail.ofKind("action-intent")).isEmpty();
    }

    @Test
    void aSwapWhileAnotherConsoleRunsAFailoverOnThePairIsRefused() throws Exception {
        PairClaims claims = claims("alice", 100);
        Claim other = new Claim("host-a", "carol", 300, "2026-12-02T16:00:00Z", "n3");
        PairConfig config = config();
        try (PairLock held = claims.locks().tryAcquire(PairLock.fileFor(claims.lockDirectory(), config.primary().text(),
                config.secondary().text()), other).lock().orElseThrow()) {
            SwitchoverOutcome outcome = run(config, claims);

            assertThat(outcome.refused()).isTrue();
            assertThat(outcome.sentence()).contains(other.holder());
        }
        assertThat(calls).isEmpty();
        assertThat(trail.ofKind("action-intent")).isEmpty();
    }

    @Test
    void aSwapWhileNeitherSidesStateIsKnownIsRefusedAndTheLocksAreFreeAgain() throws Exception {
        PairClaims claims = claims("alice", 100);
        PairConfig config = config();

        SwitchoverOutcome outcome = run(config, claims);

        assertThat(outcome.refused()).isTrue();
        assertThat(outcome.sentence()).contains("The primary's state is not known")
                .contains("The secondary's state is not known");
        assertThat(calls).containsExactly("awaitKnown");
        assertThat(trail.ofKind("action-intent")).isEmpty();
        try (PairLock swap = claims.locks().tryAcquire(Switchover.lockFile(claims, config.primary(), config.secondary()),
                claims.me()).lock().orElseThrow()) {
            assertThat(swap).as("the refused swap let go of its lock").isNotNull();
        }
    }

    private SwitchoverOutcome run(PairConfig config, PairClaims claims) throws InterruptedException {
        try (PairSupervisor supervisor = new PairSupervisor(config, trail, Clock.systemUTC())) {
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
            Switchover switchover = new Switchover(trail, c -> {
                calls.add("open");
                throw new AssertionError("a refused swap opens no pair");
            }, claims, new Switchover.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    new Reprotection.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                    Duration.ofMillis(10)), Clock.systemUTC());
            return switchover.run(session, config.primary(), (endpoint, survivor, say) -> {
                calls.add("bringUp");
                throw new AssertionError("a refused swap starts no QEMU");
            }, new ReprotectOptions("127.0.0.1", 1, "tcp:127.0.0.1:2", ReprotectOptions.GUIDE_EXPORT, "127.0.0.1", 3,
                    4, Duration.ofSeconds(2)), line -> { });
        }
    }

    private PairClaims claims(String user, long pid) {
        return new PairClaims(new Claim("host-a", user, pid, "?", "n1"), temp.resolve("locks"));
    }

    private PairConfig config() {
        return PairConfig.of(new Endpoint.Unix(temp.resolve("primary.sock")),
                new Endpoint.Unix(temp.resolve("secondary.sock")));
    }
}
