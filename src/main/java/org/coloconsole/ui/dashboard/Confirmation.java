package org.coloconsole.ui.dashboard;

import java.util.List;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.Side;

/**
 * What the confirmation dialog says before a failover.
 *
 * @param steps                     what would be sent, in order (the plan's preview)
 * @param needsFenceAcknowledgement the other side cannot be stopped by the console, so the operator must confirm
 *                                  they fenced its host themselves
 */
public record Confirmation(Side target, String title, List<FailoverStep> steps, String otherSide,
                           boolean needsFenceAcknowledgement, String acknowledgementText) {
    public Confirmation {
        steps = List.copyOf(steps);
    }
}
