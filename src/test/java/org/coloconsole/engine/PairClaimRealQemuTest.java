package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coloconsole.colo.Claim;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.testing.QemuMonitorProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runbook's claim on two real QEMUs (no COLO needed: the claim is about who may act): what it does with a claim
 * left by a crashed console of this host, with a live holder's, and that it releases its own and the card learns it.
 */
class PairClaimRealQemuTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private QemuMonitorProcess primary;
    private QemuMonitorProcess secondary;
    private PairSupervisor supervisor;
    private final MemoryAuditTrail trail = new MemoryAuditTrail();
    private PairClaims claims;

    @BeforeEach
    void start() throws Exception {
        primary = QemuMonitorProcess.start(2, 0);
        secondary = QemuMonitorProcess.start(2, 0);
        supervisor = new PairSupervisor(PairConfig.of(primary.unixEndpoint(0), secondary.unixEndpoint(0)), trail,
                Clock.systemUTC());
        supervisor.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.snapshot().state().primary().synced()
                && supervisor.snapshot().state().secondary().synced());
        claims = PairClaims.forThisProcess(java.util.Map.of("XDG_RUNTIME_DIR", tmp.toString()));
    }

    @AfterEach
    void stop() {
        supervisor.close();
        primary.close();
        secondary.close();
    }

    private static void plant(QemuMonitorProcess qemu, Claim claim) throws Exception {
        try (QmpClient harness = new QmpClient(options("harness"))) {
            harness.connect(qemu.unixEndpoint(1));
            ClaimObject.add(harness, claim, TIMEOUT).get(20, TimeUnit.SECONDS);
        }
    }

    private static Optional<Claim> held(QemuMonitorProcess qemu) throws Exception {
        try (QmpClient harness = new QmpClient(options("harness"))) {
            harness.connect(qemu.unixEndpoint(1));
            return ClaimObject.claimOf(ClaimObject.read(harness, TIMEOUT).get(20, TimeUnit.SECONDS));
        }
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(20, TimeUnit.SECONDS);
        return gone.pid();
    }

    @Test
    void aClaimLeftByACrashedConsoleOfThisHostIsTakenOverAndReleasedAtTheEnd() throws Exception {
        Claim crashed = new Claim(claims.me().host(), "someone", deadPid(), "2026-12-02T12:00:00Z", "gone");
        plant(secondary, crashed);

        try (PairClaim claim = claims.open(supervisor, TIMEOUT)) {
            assertThat(claim.lockHost()).isEmpty();
            assertThat(claim.claimSides(Side.SECONDARY)).isEmpty();

            assertThat(held(primary)).hasValueSatisfying(c -> assertThat(c.sameHolder(claims.me())).isTrue());
            assertThat(held(secondary)).hasValueSatisfying(c -> assertThat(c.sameHolder(claims.me())).isTrue());
            assertThat(trail.ofKind("claim-taken-over")).singleElement()
                    .satisfies(e -> assertThat(e.fields().get("stale")).isEqualTo(crashed.text()));
            assertThat(claim.recheck(Side.SECONDARY, Optional.empty())).isEmpty();
            await().atMost(TIMEOUT).until(() -> supervisor.snapshot().state().secondary().claim()
                    .map(c -> c.sameHolder(claims.me())).orElse(false));
        }
        assertThat(held(primary)).isEmpty();
        assertThat(held(secondary)).isEmpty();
        assertThat(trail.ofKind("claim-released")).hasSize(2);
        await().atMost(TIMEOUT).until(() -> supervisor.snapshot().state().secondary().claim().isEmpty());
    }

    @Test
    void aLiveHoldersClaimIsRefusedByNameAndWhatWasTakenIsGivenBack() throws Exception {
        Claim live = new Claim(claims.me().host(), "bob", ProcessHandle.current().pid(), "2026-12-02T13:00:00Z",
                "other-console");
        plant(secondary, live);

        try (PairClaim claim = claims.open(supervisor, TIMEOUT)) {
            assertThat(claim.lockHost()).isEmpty();

            Optional<String> refused = claim.claimSides(Side.PRIMARY);

            assertThat(refused).hasValueSatisfying(s -> assertThat(s).startsWith("The secondary is claimed by "
                    + live.holder()));
            assertThat(held(primary)).as("the primary, claimed first, is given back").isEmpty();
            assertThat(held(secondary)).contains(live);
            await().atMost(TIMEOUT).until(() -> supervisor.snapshot().state().secondary().claim()
                    .equals(Optional.of(live)));
        }
    }

    @Test
    void aClaimTakenAwayInsideTheRunbookStopsTheLostHeartbeat() throws Exception {
        try (PairClaim claim = claims.open(supervisor, TIMEOUT)) {
            assertThat(claim.lockHost()).isEmpty();
            assertThat(claim.claimSides(Side.SECONDARY)).isEmpty();
            Claim intruder = new Claim("other-host", "eve", 4242, "2026-12-02T13:00:00Z", "intruder");
            try (QmpClient harness = new QmpClient(options("harness"))) {
                harness.connect(primary.unixEndpoint(1));
                ClaimObject.delete(harness, TIMEOUT).get(20, TimeUnit.SECONDS);
                ClaimObject.add(harness, intruder, TIMEOUT).get(20, TimeUnit.SECONDS);
            }

            assertThat(claim.recheck(Side.SECONDARY, Optional.empty())).hasValueSatisfying(s -> assertThat(s)
                    .contains("The primary's claim is no longer this console's (now " + intruder.holder()));
        }
        assertThat(held(primary)).as("another console's claim is never released by this one")
                .hasValueSatisfying(c -> assertThat(c.nonce()).isEqualTo("intruder"));
    }

    @Test
    void restoringProtectionIsRefusedWhileAnotherConsoleHoldsTheClaimAndSendsNothing() throws Exception {
        Claim live = new Claim("ops-2", "bob", 4242, "2026-12-02T13:00:00Z", "other-console");
        plant(primary, live);
        Reprotection reprotection = new Reprotection(supervisor, TIMEOUT,
                new Reprotection.Timeouts(TIMEOUT, TIMEOUT, TIMEOUT), claims);

        ReprotectOutcome outcome = reprotection.run(new org.coloconsole.colo.ReprotectOptions("127.0.0.1", 9999,
                "tcp:127.0.0.1:9998", org.coloconsole.colo.ReprotectOptions.GUIDE_EXPORT, "127.0.0.1", 9997, 9996,
                Duration.ofSeconds(2)), report -> { });

        assertThat(outcome.result()).isEqualTo(ReprotectOutcome.Result.REFUSED);
        assertThat(outcome.sentence()).startsWith("The primary is claimed by " + live.holder());
        assertThat(outcome.reports()).as("no step ran").isEmpty();
        assertThat(trail.ofKind("action-intent")).as("nothing was planned").isEmpty();
        assertThat(held(primary)).contains(live);
        assertThat(held(secondary)).as("nothing of this console's is left behind").isEmpty();
    }

    /** A fresh QEMU on a loaded machine may greet late: a slow greeting is not what these tests are about. */
    private static QmpClientOptions options(String name) {
        return QmpClientOptions.defaults(name).withHandshakeTimeout(Duration.ofSeconds(20));
    }
}
