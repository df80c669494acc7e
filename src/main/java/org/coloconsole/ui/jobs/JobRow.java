package org.coloconsole.ui.jobs;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.Side;
import org.coloconsole.ui.fx.Tone;

/**
 * One line of the jobs pane: a QEMU job of one side, or the COLO protection of the pair (first, with no actions).
 *
 * @param owner        the side the job runs on; empty for the COLO protection row, which belongs to the pair
 * @param fraction     done in [0, 1]; empty while QEMU has no estimate (and for the protection row)
 * @param progressText the progress in words, e.g. {@code 2.0 / 4.0 MiB (50%)}
 * @param detail       the job's error, why it cannot be acted on, or the protection's lifecycle sentence
 * @param enabled      the actions the operator may send now
 */
public record JobRow(Optional<Side> owner, String id, String type, String status, Tone tone,
                     Optional<Double> fraction, String progressText, String detail, boolean failed,
                     Set<JobAction> enabled) {

    public JobRow {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fraction, "fraction");
        enabled = Set.copyOf(enabled);
    }

    /** {@code primary}, {@code secondary}, or {@code pair} for the protection row. */
    public String side() {
        return owner.map(Side::label).orElse("pair");
    }

    /** Unique in the pane: a job id is unique per QEMU only. */
    public String key() {
        return side() + "/" + id;
    }

    public boolean protection() {
        return owner.isEmpty();
    }

    public JobRow withEnabled(Set<JobAction> actions) {
        return new JobRow(owner, id, type, status, tone, fraction, progressText, detail, failed, actions);
    }
}
