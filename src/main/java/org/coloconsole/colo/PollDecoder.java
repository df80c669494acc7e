package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.coloconsole.qmp.QmpValue;

/** Answers to the resync and heartbeat polls become observations. */
public final class PollDecoder {
    private PollDecoder() {
    }

    /**
     * @return the observation, or empty for a command whose answer carries nothing the state keeps
     */
    public static Optional<Observation> decode(Side side, Instant at, String command, QmpValue result) {
        switch (command) {
            case "query-status":
                return Optional.of(new Observation.StatusPolled(side, at, result.bool("running").orElse(false),
                        result.string("status").orElse("unknown")));
            case "query-colo-status":
                return Optional.of(new Observation.ColoStatusPolled(side, at,
                        Tag.of(ColoMode.class, result.string("mode").orElse("unknown")),
                        result.string("last-mode").map(raw -> Tag.of(ColoMode.class, raw)),
                        Tag.of(ColoExitReason.class, result.string("reason").orElse("unknown"))));
            case "query-migrate":
                // an idle QEMU answers {} : no migration has ever run
                return Optional.of(new Observation.MigratePolled(side, at, result.string("status").orElse("none")));
            case "query-version":
                return versionOf(result.get("qemu")).map(v -> new Observation.VersionPolled(side, at, v));
            case "query-migrate-parameters":
                return result.integer("x-checkpoint-delay").isPresent()
                        ? Optional.of(new Observation.CheckpointDelayPolled(side, at,
                                Duration.ofMillis(result.integer("x-checkpoint-delay").getAsLong())))
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static Optional<String> versionOf(QmpValue qemu) {
        if (qemu.integer("major").isEmpty() || qemu.integer("minor").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(qemu.integer("major").getAsLong() + "." + qemu.integer("minor").getAsLong() + "."
                + qemu.integer("micro").orElse(0));
    }
}
