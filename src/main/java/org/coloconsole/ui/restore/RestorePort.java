package org.coloconsole.ui.restore;

import java.util.List;
import java.util.function.Consumer;
import org.coloconsole.engine.ReprotectOutcome;
import org.coloconsole.engine.ReprotectReport;

/**
 * Restoring protection on the window's session, whose primary is the survivor and whose secondary the new side (the
 * engine's {@code Reprotection}). Both calls block: the dialog makes them off the FX thread.
 */
public interface RestorePort {

    /** Reads both sides afresh and judges them ({@code ReprotectCheck}): one sentence per problem; empty to go. */
    List<String> check() throws InterruptedException;

    /** Runs the flow, journaled; {@code progress} is called on the flow's thread. */
    ReprotectOutcome run(Consumer<ReprotectReport> progress) throws InterruptedException;
}
