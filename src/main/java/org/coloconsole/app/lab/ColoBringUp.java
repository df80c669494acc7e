package org.coloconsole.app.lab;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpValue;

/**
 * Brings COLO up over the harness monitors, in the order docs/colo-behaviour.md gives: the secondary enables migration events; the
 * primary enables {@code x-colo} and events, sets the checkpoint delay and migrates to the secondary's
 * {@code -incoming}; then both are polled until {@code query-colo-status} reports their mode. The monitors are
 * released afterwards, free for test harnesses.
 */
final class ColoBringUp {
    private static final long POLL_MILLIS = 25;

    private final QemuProcess primary;
    private final QemuProcess secondary;
    private final long deadlineNanos;

    ColoBringUp(QemuProcess primary, QemuProcess secondary, long deadlineNanos) {
        this.primary = primary;
        this.secondary = secondary;
        this.deadlineNanos = deadlineNanos;
    }

    void run(Endpoint primaryHarness, Endpoint secondaryHarness, Endpoint incoming, Duration checkpointDelay,
             Optional<FullPairWiring> full) {
        try (QmpClient sec = new QmpClient(QmpClientOptions.defaults("lab-secondary"));
             QmpClient pri = new QmpClient(QmpClientOptions.defaults("lab-primary"))) {
            connect(sec, secondary, secondaryHarness);
            connect(pri, primary, primaryHarness);
            // QEMU 10.0 refuses the COLO stream unless the secondary has x-colo too; 7.2 accepts it there
            call(sec, secondary, "migrate-set-capabilities",
                    Map.of("capabilities", List.of(capability("x-colo"), capability("events"))));
            if (full.isPresent()) {
                replicateDisk(pri, sec, full.get());
            }
            call(pri, primary, "migrate-set-capabilities",
                    Map.of("capabilities", List.of(capability("x-colo"), capability("events"))));
            call(pri, primary, "migrate-set-parameters", Map.of("x-checkpoint-delay", checkpointDelay.toMillis()));
            call(pri, primary, "migrate", Map.of("uri", incoming.text()));
            awaitModes(pri, sec);
        }
    }

    /**
     * The secondary exports its copy of the disk over NBD; the primary adds a replication child that writes there
     * and hangs it under its quorum disk, as QEMU's COLO guide does.
     */
    private void replicateDisk(QmpClient pri, QmpClient sec, FullPairWiring wiring) {
        call(sec, secondary, "nbd-server-start", Map.of("addr", Map.of("type", "inet",
                "data", Map.of("host", "127.0.0.1", "port", Integer.toString(wiring.nbdPort())))));
        call(sec, secondary, "nbd-server-add", Map.of("device", "parent0", "writable", true));
        // as the guide does: the monitor command's errors come back as text in a successful reply
        String added = call(pri, primary, "human-monitor-command", Map.of("command-line", "drive_add -n buddy "
                + "driver=replication,mode=primary,file.driver=nbd,file.host=127.0.0.1,file.port=" + wiring.nbdPort()
                + ",file.export=parent0,node-name=replication0")).asText().strip();
        if (!added.isEmpty()) {
            throw new LabException("the primary QEMU refused to add the replication drive: " + added);
        }
        call(pri, primary, "x-blockdev-change", Map.of("parent", "colo-disk0", "node", "replication0"));
    }

    private static Map<String, Object> capability(String name) {
        return Map.of("capability", name, "state", true);
    }

    /** The monitor appears a few hundred ms after the process starts; retry until then, unless QEMU exits. */
    private void connect(QmpClient client, QemuProcess process, Endpoint endpoint) {
        new MonitorWait(process, deadlineNanos).connect(client, endpoint);
    }

    private void awaitModes(QmpClient pri, QmpClient sec) {
        boolean primaryReady = false;
        boolean secondaryReady = false;
        String lastPrimary = "";
        String lastSecondary = "";
        while (true) {
            if (!primaryReady) {
                QmpValue colo = call(pri, primary, "query-colo-status", null);
                lastPrimary = colo.string("mode").orElse("?");
                primaryReady = "primary".equals(lastPrimary);
                if (!primaryReady) {
                    failIfMigrationFailed(pri);
                }
            }
            if (!secondaryReady) {
                QmpValue colo = call(sec, secondary, "query-colo-status", null);
                lastSecondary = colo.string("mode").orElse("?");
                secondaryReady = "secondary".equals(lastSecondary);
            }
            if (primaryReady && secondaryReady) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new LabException("COLO did not come up in time: the primary reports mode '" + lastPrimary
                        + "' and the secondary '" + lastSecondary + "'; see the stderr logs in the run directory");
            }
            pause();
        }
    }

    private void failIfMigrationFailed(QmpClient pri) {
        QmpValue migration = call(pri, primary, "query-migrate", null);
        String status = migration.string("status").orElse("");
        if ("completed".equals(status)) {
            // QEMU 10.0.0 to 10.0.6 end an x-colo migration like a plain one (docs/colo-behaviour.md)
            throw new LabException("COLO did not start: the primary's migration completed instead of entering COLO, "
                    + "so the guest now runs on the secondary alone, unprotected (QEMU 10.0.0 to 10.0.6 do this; "
                    + "10.0.7 and 7.2 do not); start the lab with another QEMU");
        }
        if ("failed".equals(status) || "cancelled".equals(status)) {
            throw new LabException("the primary's migration to the secondary " + status
                    + migration.string("error-desc").map(d -> ": " + d).orElse("") + "; " + secondary.describeFailure());
        }
    }

    private QmpValue call(QmpClient client, QemuProcess process, String command, Map<String, ?> arguments) {
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        try {
            return client.execute(command, arguments, Duration.ofMillis(remaining))
                    .get(remaining + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof QmpCommandException refused) {
                throw new LabException("the " + process.side().label() + " QEMU refused " + command + ": "
                        + refused.description(), refused, LabException.fromQemuText(refused.description()));
            }
            throw new LabException("the " + process.side().label() + " QEMU did not answer " + command + " ("
                    + (cause == null ? e.getMessage() : cause.getMessage()) + "); " + process.describeFailure(), e);
        } catch (TimeoutException e) {
            throw new LabException("the " + process.side().label() + " QEMU did not answer " + command
                    + " in time; " + process.describeFailure(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while bringing COLO up", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while bringing COLO up", e);
        }
    }
}
