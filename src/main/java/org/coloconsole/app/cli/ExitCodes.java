package org.coloconsole.app.cli;

/** Exit codes shared by the subcommands. */
final class ExitCodes {
    static final int OK = 0;
    /** QEMU answered with an error, or the pair needs action. */
    static final int QEMU_ERROR = 1;
    /** Could not talk to QEMU at all (or, for status, to neither side); also picocli's code for usage errors. */
    static final int UNREACHABLE = 2;
    /** The journal could not be opened, so nothing was done (an action must be journaled first). */
    static final int JOURNAL_UNAVAILABLE = 3;
    /** A fatal error (out of memory…) on one of the console's threads: it stopped rather than half-work. */
    static final int FATAL = 70;

    private ExitCodes() {
    }
}
