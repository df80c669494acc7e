package org.coloconsole.ui.dashboard;

import java.util.List;

/**
 * What the confirmation dialog says before a failover.
 *
 * @param needsFenceAcknowledgement the other side cannot be stopped by the console, so the operator must confirm
 *                                  they fenced its host themselves
 */
public record Confirmation(String target, String title, List<FailoverPort.PlannedStep> steps, String otherSide,
                           boolean needsFenceAcknowledgement, String acknowledgementText) {
    public Confirmation {
        steps = List.copyOf(steps);
    }
}
