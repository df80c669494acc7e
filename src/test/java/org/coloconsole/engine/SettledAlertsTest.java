package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.coloconsole.colo.Alert;
import org.coloconsole.colo.AlertSettle;
import org.coloconsole.colo.AlertThrottle;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's alerts on their way out, through the real outlet to a real alert command (a shell script that appends
 * each event it reads): advice goes out once it has settled and only if it still holds; every alert is journaled.
 */
class SettledAlertsTest {
    private static final Duration SETTLE = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MemoryAuditTrail trail = new MemoryAuditTrail();
    private final AtomicReference<Recommendation> advice = new AtomicReference<>(
            advice(Recommendation.Kind.PROTECTED, Optional.empty()));

    @AfterEach
    void stop() {
        background.shutdownNow();
        timer.shutdownNow();
    }

    private static Recommendation advice(Recommendation.Kind kind, Optional<Side> target) {
        return new Recommendation(kind, target, "advice: " + kind, List.of(), false);
    }

    private static Alert act(Side target) {
        return new Alert(Alert.Kind.ACT, Optional.of(target), "db: failover recommended",
                target == Side.PRIMARY ? "Continue on the primary." : "Promote the secondary.", Instant.EPOCH);
    }

    private SettledAlerts alerts(Path runs) throws Exception {
        Path script = dir.resolve("alert.sh");
        Files.writeString(script, "#!/bin/sh\ncat >> '" + runs + "'\necho >> '" + runs + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        AlertOutlet outlet = new AlertOutlet("db", new AlertThrottle(AlertThrottle.DEFAULT_GAP),
                MonotonicClock.system(), Optional.empty(), Optional.of(new AlertCommand(script,
                Duration.ofSeconds(20))), trail, background, problem -> { });
        return new SettledAlerts(new AlertSettle(SETTLE), outlet, MonotonicClock.system(), advice::get, timer);
    }

    @Test
    void aKilledPrimaryIsAlertedAsLostAtOnceAndOnlyTheCorrectedAdviceFollows() throws Exception {
        Path runs = dir.resolve("runs");
        SettledAlerts alerts = alerts(runs);

        // the secondary's COLO_EXIT first: for a moment the advice is to continue on the primary
        advice.set(advice(Recommendation.Kind.CONTINUE_ON_PRIMARY, Optional.of(Side.PRIMARY)));
        alerts.raise(act(Side.PRIMARY));
        // then the primary's socket is seen closed
        advice.set(advice(Recommendation.Kind.PROMOTE_SECONDARY, Optional.of(Side.SECONDARY)));
        alerts.raise(new Alert(Alert.Kind.SIDE_LOST, Optional.of(Side.PRIMARY), "db: the primary is lost",
                "Its socket closed.", Instant.EPOCH));
        alerts.raise(act(Side.SECONDARY));

        await().atMost(Duration.ofSeconds(20)).until(() -> trail.ofKind("alert").size() == 3);
        List<MemoryAuditTrail.Entry> journaled = trail.ofKind("alert");
        assertThat(journaled).extracting(e -> e.fields().get("body")).containsExactly(
                "Continue on the primary.", "Its socket closed.", "Promote the secondary.");
        assertThat(journaled.get(0).fields()).containsEntry("delivered", false)
                .containsEntry("withheld", "newer advice replaced it before it settled: Promote the secondary.");
        assertThat(journaled.get(1).fields()).containsEntry("delivered", true);
        assertThat(journaled.get(2).fields()).containsEntry("delivered", true);
        assertThat(Files.readString(runs)).contains("\"kind\":\"side-lost\"").contains("Promote the secondary.")
                .doesNotContain("Continue on the primary.");
    }

    @Test
    void adviceThatTurnsQuietBeforeItSettlesNeverGoesOut() throws Exception {
        Path runs = dir.resolve("runs");
        SettledAlerts alerts = alerts(runs);
        advice.set(advice(Recommendation.Kind.PROMOTE_SECONDARY, Optional.of(Side.SECONDARY)));
        alerts.raise(act(Side.SECONDARY));
        // the operator clicked at once: a failover runs, and the advice says to wait
        advice.set(advice(Recommendation.Kind.WAIT, Optional.empty()));

        await().atMost(Duration.ofSeconds(20)).until(() -> trail.ofKind("alert").size() == 1);
        assertThat(trail.ofKind("alert").get(0).fields()).containsEntry("delivered", false)
                .containsEntry("withheld", "the advice changed before it settled: advice: WAIT");
        assertThat(runs).doesNotExist();
    }
}
