package org.coloconsole.engine;

import java.time.Duration;
import org.coloconsole.colo.ReprotectStep;

/**
 * One step of restoring protection as it ran: QEMU's answer (or what the runner saw while waiting) in the sentence.
 * A RUNNING report of a waiting step may repeat, e.g. with the copy's progress.
 */
public record ReprotectReport(int index, int total, ReprotectStep step, StepReport.Status status, String sentence,
                              Duration took) {
}
