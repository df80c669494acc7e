package org.coloconsole;

import java.io.OutputStreamWriter;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.app.cli.Cli;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.FatalErrors;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.journal.Journal;
import org.coloconsole.ui.ConsoleLauncher;

/** Entry point: builds the object graph in one place and hands over to the CLI or the console window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // a fatal error on any of our threads is never silent: the CLI says so and exits; the window, which takes
        // over from the CLI's handling when it opens, says so on screen and offers no failover any more
        FatalErrors fatal = new FatalErrors();
        Thread.setDefaultUncaughtExceptionHandler(fatal);
        AutoCloseable cliOnFatal = Cli.exitOnFatal(fatal, System.err, Runtime.getRuntime()::halt);
        AuditTrailFactory journal = () -> JournalAuditTrail.openOrBeside(Journal.defaultDirectory(System.getenv()),
                ProcessHandle.current().pid());
        // The window's graph (profiles, Jackson's ObjectMapper, the UI classes) is built only when the window opens:
        // a one-shot subcommand never needs it, and building it took a third of `colo-console --version`.
        GuiLauncher gui = start -> {
            closeQuietly(cliOnFatal);
            return ConsoleLauncher.standard(System.getenv(), journal, fatal).launch(start);
        };
        int code = Cli.execute(gui, journal, args, new OutputStreamWriter(System.out),
                new OutputStreamWriter(System.err));
        System.exit(code);
    }

    private static void closeQuietly(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
