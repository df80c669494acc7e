package org.coloconsole.testing;

import org.coloconsole.engine.PairClaims;

/**
 * This test process's claims, as the composition root makes them for a console ({@code Main}, the CLI, the window):
 * the same locks directory a console of this user would use, so a test's runbook and a console's exclude each other.
 */
public final class TestClaims {
    private static final PairClaims THIS_PROCESS = PairClaims.forThisProcess(System.getenv());

    private TestClaims() {
    }

    public static PairClaims thisProcess() {
        return THIS_PROCESS;
    }
}
