package org.coloconsole.ui.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.coloconsole.colo.ColoProtection;
import org.coloconsole.colo.Job;
import org.coloconsole.colo.JobStatus;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.colo.TransferRate;
import org.coloconsole.ui.fx.Tone;

/** Reads the pair's state into the pane's rows: the COLO protection first, then the primary's jobs, the secondary's. */
final class JobRows {
    private static final Set<String> BYTE_JOBS = Set.of("mirror", "stream", "commit", "backup", "drive-mirror",
            "active-commit");

    private JobRows() {
    }

    static List<JobRow> of(PairState pair) {
        return of(pair, (side, job) -> TransferRate.Estimate.unknown());
    }

    /** @param rate each job's rate and time left, by the domain's rule over the progress seen so far */
    static List<JobRow> of(PairState pair, BiFunction<Side, Job, TransferRate.Estimate> rate) {
        List<JobRow> rows = new ArrayList<>();
        rows.add(protection(ColoProtection.of(pair.primary(), pair.secondary(), pair.failover())));
        for (Side side : Side.values()) {
            SideState state = pair.side(side);
            for (Job job : state.jobs().values()) {
                rows.add(job(state, job, rate.apply(side, job)));
            }
        }
        return rows;
    }

    static JobRow protection(ColoProtection p) {
        return new JobRow(Optional.empty(), ColoProtection.ID, "colo", p.status(), tone(p.lifecycle()),
                Optional.empty(), "", p.sentence(), p.lifecycle() == ColoProtection.Lifecycle.EXITED, Set.of());
    }

    static JobRow job(SideState side, Job job) {
        return job(side, job, TransferRate.Estimate.unknown());
    }

    static JobRow job(SideState side, Job job, TransferRate.Estimate rate) {
        String detail;
        if (!side.answering()) {
            detail = "The " + side.side().label() + " does not answer: shown as last read; no action can be sent.";
        } else if (job.error().isPresent()) {
            detail = "Error: " + job.error().get();
        } else if (job.status().is(JobStatus.UNKNOWN)) {
            detail = "QEMU reports a status this console does not know (" + job.status().raw()
                    + "); no action is offered.";
        } else {
            detail = "";
        }
        return new JobRow(Optional.of(side.side()), job.id(), job.type(), job.status().raw(), tone(job),
                job.fraction(), progress(job) + rate(job, rate), detail, job.failed(),
                side.answering() ? job.allowedActions() : Set.of());
    }

    static Tone tone(Job job) {
        if (job.failed()) {
            return Tone.FAIL;
        }
        return switch (job.status().value()) {
            case RUNNING, READY -> Tone.OK;
            case CREATED, PAUSED, STANDBY, WAITING, PENDING -> Tone.WARN;
            case ABORTING -> Tone.FAIL;
            case UNDEFINED, CONCLUDED, NULL, UNKNOWN -> Tone.NEUTRAL;
        };
    }

    static Tone tone(ColoProtection.Lifecycle lifecycle) {
        return switch (lifecycle) {
            case PROTECTED -> Tone.OK;
            case EXITED -> Tone.FAIL;
            case FAILED_OVER, CONTINUED_ALONE, NOT_PROTECTED -> Tone.WARN;
            case UNKNOWN -> Tone.NEUTRAL;
        };
    }

    /**
     * The progress in words. A mirror reports current = total while it still copies new writes (ready), and a job
     * may sit at 100% before it finishes: the text says so rather than "done".
     */
    static String progress(Job job) {
        if (job.totalProgress() <= 0) {
            return job.currentProgress() > 0 ? amount(job, job.currentProgress()) + " done, total not estimated yet"
                    : "not estimated yet";
        }
        String text = amounts(job);
        long percent = Math.round(100.0 * job.fraction().orElse(0.0));
        if (job.status().is(JobStatus.READY) || job.status().is(JobStatus.STANDBY)) {
            return text + " · in sync";
        }
        if (job.currentProgress() >= job.totalProgress() && job.status().is(JobStatus.RUNNING)) {
            return text + " (100%, still running)";
        }
        return text + " (" + Math.min(percent, 100) + "%)";
    }

    /**
     * {@code  · 8.2 MiB/s · about 6 s left} while a job copies ({@link Job#copying}: the resync of restoring
     * protection); nothing otherwise.
     */
    static String rate(Job job, TransferRate.Estimate estimate) {
        if (!job.copying()) {
            return "";
        }
        if (estimate.perSecond().isEmpty()) {
            return " · rate not known yet";
        }
        String speed = amount(job, Math.round(estimate.perSecond().getAsDouble())) + "/s";
        return " · " + speed + estimate.remaining().map(left -> " · about " + left(left) + " left").orElse("");
    }

    private static String left(Duration left) {
        long seconds = (left.toMillis() + 999) / 1000;
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return (seconds + 59) / 60 + " min";
        }
        return (seconds + 3599) / 3600 + " h";
    }

    /** {@code 12.5 / 64.0 MiB}: the unit once when both share it, so the text fits beside the bar. */
    private static String amounts(Job job) {
        String current = amount(job, job.currentProgress());
        String total = amount(job, job.totalProgress());
        int unit = total.lastIndexOf(' ');
        if (unit > 0 && current.endsWith(total.substring(unit))) {
            return current.substring(0, current.length() - (total.length() - unit)) + " / " + total;
        }
        return current + " / " + total;
    }

    private static String amount(Job job, long value) {
        if (!BYTE_JOBS.contains(job.type())) {
            return Long.toString(value);
        }
        if (value < 1024) {
            return value + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double scaled = value;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    /** e.g. {@code Primary: 1 job · Secondary: no jobs}. */
    static String summary(PairState pair) {
        StringBuilder text = new StringBuilder();
        for (Side side : Side.values()) {
            int count = pair.side(side).jobs().size();
            text.append(text.length() == 0 ? "" : " · ").append(side.title()).append(": ")
                    .append(count == 0 ? "no jobs" : count == 1 ? "1 job" : count + " jobs");
        }
        return text.toString();
    }
}
