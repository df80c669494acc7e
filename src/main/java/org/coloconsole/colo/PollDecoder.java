package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
                return Optional.of(new Observation.StatusPolled(side, at, result.bool("running"),
                        result.string("status").orElse("unknown")));
            case "query-colo-status":
                return Optional.of(new Observation.ColoStatusPolled(side, at,
                        Tag.of(ColoMode.class, result.string("mode").orElse("unknown")),
                        result.string("last-mode").map(raw -> Tag.of(ColoMode.class, raw)),
                        Tag.of(ColoExitReason.class, result.string("reason").orElse("unknown"))));
            case "query-migrate":
            {
                // an idle QEMU answers {} : no migration has ever run
                String status = result.string("status").orElse("none");
                return Optional.of(new Observation.MigratePolled(side, at, status, CheckpointFigures.of(status,
                        result.integer("downtime"), result.get("ram").integer("transferred"))));
            }
            case "query-version":
                return versionOf(result.get("qemu")).map(v -> new Observation.VersionPolled(side, at, v));
            case "query-name":
                return Optional.of(new Observation.NamePolled(side, at, result.string("name").filter(n -> !n.isBlank())));
            case "query-migrate-parameters":
                return result.integer("x-checkpoint-delay").isPresent()
                        ? Optional.of(new Observation.CheckpointDelayPolled(side, at,
                                Duration.ofMillis(result.integer("x-checkpoint-delay").getAsLong())))
                        : Optional.empty();
            case Claim.POLL:
                // a missing answer: the object does not exist, the side carries no claim
                return Optional.of(new Observation.ClaimPolled(side, at, result.isString()
                        ? Optional.of(Claim.parse(result.asText())) : Optional.empty()));
            case "query-jobs":
                return Optional.of(new Observation.JobsPolled(side, at, command, jobs(result)));
            case "query-block-jobs":
                return Optional.of(new Observation.JobsPolled(side, at, command, blockJobs(result)));
            default:
                return Optional.empty();
        }
    }

    private static List<Job> jobs(QmpValue result) {
        List<Job> jobs = new ArrayList<>();
        for (QmpValue j : result.elements()) {
            jobs.add(new Job(j.string("id").orElse("?"), j.string("type").orElse(Job.UNKNOWN_TYPE),
                    JobStatus.tag(j.string("status").orElse("unknown")), j.integer("current-progress").orElse(0),
                    j.integer("total-progress").orElse(0), j.string("error")));
        }
        return jobs;
    }

    /** The block-job view: {@code device} is the job id; {@code status} exists since QEMU 2.12, flags before. */
    private static List<Job> blockJobs(QmpValue result) {
        List<Job> jobs = new ArrayList<>();
        for (QmpValue j : result.elements()) {
            String status = j.string("status").orElseGet(() -> statusFromFlags(j));
            jobs.add(new Job(j.string("device").orElse("?"), j.string("type").orElse(Job.UNKNOWN_TYPE),
                    JobStatus.tag(status), j.integer("offset").orElse(0), j.integer("len").orElse(0),
                    j.string("error")));
        }
        return jobs;
    }

    private static String statusFromFlags(QmpValue job) {
        boolean paused = job.bool("paused").orElse(false);
        boolean ready = job.bool("ready").orElse(false);
        if (ready) {
            return paused ? "standby" : "ready";
        }
        return paused ? "paused" : "running";
    }

    private static Optional<String> versionOf(QmpValue qemu) {
        if (qemu.integer("major").isEmpty() || qemu.integer("minor").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(qemu.integer("major").getAsLong() + "." + qemu.integer("minor").getAsLong() + "."
                + qemu.integer("micro").orElse(0));
    }
}
