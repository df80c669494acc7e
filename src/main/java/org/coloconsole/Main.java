package org.coloconsole;

import org.coloconsole.app.cli.Cli;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.journal.Journal;
import org.coloconsole.ui.ConsoleLauncher;

/** Entry point: builds the object graph in one place and hands over to the CLI or the console window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AuditTrailFactory journal = () -> JournalAuditTrail.openOrBeside(Journal.defaultDirectory(System.getenv()),
                ProcessHandle.current().pid());
        int code = Cli.commandLine(ConsoleLauncher.standard(System.getenv(), journal), journal).execute(args);
        System.exit(code);
    }
}
