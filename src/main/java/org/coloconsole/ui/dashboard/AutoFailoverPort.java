package org.coloconsole.ui.dashboard;

import java.util.function.Consumer;
import org.coloconsole.colo.AutoFailoverDecision;
import org.coloconsole.qmp.Subscription;

/** The window's view of the automatic-failover policy: its decisions (the countdown) and the operator's cancel. */
public interface AutoFailoverPort {

    AutoFailoverDecision decision();

    /** Called on the policy's thread at every change and every step of the countdown. */
    Subscription onDecision(Consumer<AutoFailoverDecision> listener);

    /** Stops the countdown and disarms the policy until it is re-armed. Never blocks. */
    void cancel();

    /** Disarms the policy because the console cannot be trusted to act ({@code why}: a fatal error). Never blocks. */
    void disarm(String why);

    /** The operator lets the policy act again after it acted once or was cancelled (journaled). Never blocks. */
    void rearm();
}
