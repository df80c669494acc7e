package org.coloconsole.ui.jobs;

import java.util.function.Consumer;
import org.coloconsole.colo.PairState;

/** What the jobs pane reads and sends: the engine's pair state as it changes, and the job actions. */
public interface JobsFeed {

    PairState current();

    /** Calls {@code listener} with every later state, on the engine's thread: it must hand over and return. */
    void onChange(Consumer<PairState> listener);

    JobActionPort actions();
}
