package org.coloconsole.engine;

import java.util.Optional;
import org.coloconsole.colo.JobAction;
import org.coloconsole.colo.Side;

/**
 * How an operator's job action ended.
 *
 * @param errorClass QEMU's error class when QEMU refused the command
 */
public record JobActionOutcome(Result result, Side side, JobAction action, String jobId, String sentence,
                               Optional<String> errorClass) {

    public enum Result {
        /** QEMU accepted the command. */
        DONE,
        /** The console did not send it: the side does not answer, has no such job, or the status forbids it. */
        REFUSED,
        /** QEMU answered with an error. */
        QEMU_REFUSED,
        /** Sent, but no answer came, or the intent could not be journaled (then nothing was sent). */
        FAILED
    }

    public boolean done() {
        return result == Result.DONE;
    }
}
