package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coloconsole.colo.Alert;
import org.coloconsole.colo.AlertThrottle;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile's alert command is a real shell script here; it records its stdin and environment in files. */
class AlertCommandTest {
    @TempDir
    Path dir;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private static final Alert ACT = new Alert(Alert.Kind.ACT, Optional.of(Side.SECONDARY),
            "db-pair: failover recommended", "Promote the secondary: the primary is lost.",
            Instant.parse("2026-12-02T13:00:00Z"));

    private Path script(String body) throws Exception {
        Path script = dir.resolve("alert.sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void theCommandReadsTheEventAsJsonOnStdin() throws Exception {
        Path script = script("cat > '" + dir.resolve("stdin") + "'; echo \"$COLO_ALERT_KIND $COLO_ALERT_SIDE\" > '"
                + dir.resolve("env") + "'");
        AlertCommand.Result result = new AlertCommand(script, Duration.ofSeconds(20)).run(ACT, "db-pair");

        assertThat(result.outcome()).isEqualTo(AlertCommand.Outcome.SUCCEEDED);
        assertThat(result.exitCode()).hasValue(0);
        QmpValue event = QmpValue.parse(Files.readString(dir.resolve("stdin")).strip());
        assertThat(event.get("kind").asText()).isEqualTo("act");
        assertThat(event.get("pair").asText()).isEqualTo("db-pair");
        assertThat(event.get("side").asText()).isEqualTo("secondary");
        assertThat(event.get("title").asText()).isEqualTo("db-pair: failover recommended");
        assertThat(event.get("body").asText()).isEqualTo("Promote the secondary: the primary is lost.");
        assertThat(event.get("at").asText()).isEqualTo("2026-12-02T13:00:00Z");
        assertThat(Files.readString(dir.resolve("env")).strip()).isEqualTo("act secondary");
    }

    @Test
    void aFailingCommandIsReportedWithItsExitCodeAndOutput() throws Exception {
        AlertCommand.Result result = new AlertCommand(script("echo 'pager unreachable' >&2; exit 3"),
                Duration.ofSeconds(20)).run(ACT, "db-pair");

        assertThat(result.outcome()).isEqualTo(AlertCommand.Outcome.FAILED);
        assertThat(result.exitCode()).hasValue(3);
        assertThat(result.output()).isEqualTo("pager unreachable");
        assertThat(result.sentence()).endsWith("failed (exit 3): pager unreachable");
    }

    @Test
    void aCommandThatOverrunsItsTimeoutIsKilled() throws Exception {
        Path pid = dir.resolve("pid");
        AlertCommand.Result result = new AlertCommand(script("echo $$ > '" + pid + "'; exec sleep 600"),
                Duration.ofMillis(500)).run(ACT, "db-pair");

        assertThat(result.outcome()).isEqualTo(AlertCommand.Outcome.TIMED_OUT);
        assertThat(result.exitCode()).isEmpty();
        long killed = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void aMissingProgramIsASentenceNotAnException() {
        AlertCommand.Result result = new AlertCommand(dir.resolve("no-such-alert"), Duration.ofSeconds(5))
                .run(ACT, "db-pair");

        assertThat(result.outcome()).isEqualTo(AlertCommand.Outcome.CANNOT_RUN);
        assertThat(result.sentence()).startsWith("The alert command " + dir.resolve("no-such-alert") + " cannot run");
    }

    @Test
    void aFlappingSideStartsOneProcessAndEveryAlertIsJournaled() throws Exception {
        Path runs = dir.resolve("runs");
        Path script = script("cat >> '" + runs + "'");
        MemoryAuditTrail trail = new MemoryAuditTrail();
        AtomicLong now = new AtomicLong();
        AlertOutlet outlet = new AlertOutlet("db-pair", new AlertThrottle(Duration.ofSeconds(60)), now::get,
                Optional.empty(), Optional.of(new AlertCommand(script, Duration.ofSeconds(20))), trail, background,
                problem -> { });
        Alert lost = new Alert(Alert.Kind.SIDE_LOST, Optional.of(Side.PRIMARY), "db-pair: the primary is lost",
                "Its socket closed.", Instant.EPOCH);

        for (int flap = 0; flap < 50; flap++) {
            now.set(flap * 200_000_000L);
            outlet.raise(lost).get(20, TimeUnit.SECONDS);
        }

        assertThat(Files.readAllLines(runs)).hasSize(1);
        List<MemoryAuditTrail.Entry> journaled = trail.ofKind("alert");
        assertThat(journaled).hasSize(50);
        assertThat(journaled.get(0).fields()).containsEntry("delivered", true)
                .containsEntry("command-outcome", "succeeded").containsEntry("exit-code", 0);
        assertThat(journaled.subList(1, 50)).allSatisfy(e -> assertThat(e.fields()).containsEntry("delivered", false));
    }
}
