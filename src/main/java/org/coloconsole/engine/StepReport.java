package org.coloconsole.engine;

import java.time.Duration;
import org.coloconsole.colo.FailoverStep;

/** Progress of one runbook step, for the CLI's lines and the console's step list. */
public record StepReport(int index, int total, FailoverStep step, Status status, String sentence, Duration took) {

    public enum Status {
        RUNNING,
        DONE,
        /** Not needed or not possible, and harmless (e.g. nothing to yank). */
        SKIPPED,
        FAILED
    }
}
