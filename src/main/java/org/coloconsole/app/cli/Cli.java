package org.coloconsole.app.cli;

import org.coloconsole.app.GuiLauncher;
import org.coloconsole.engine.AuditTrailFactory;
import picocli.CommandLine;

/** Builds the command tree. Subcommands get what they need through their constructors. */
public final class Cli {
    private Cli() {
    }

    public static CommandLine commandLine(GuiLauncher gui, AuditTrailFactory trails) {
        CommandLine line = new CommandLine(new ColoConsoleCommand(gui));
        line.addSubcommand(new QmpCommand());
        line.addSubcommand(new LabCommand());
        line.addSubcommand(new WatchCommand(trails));
        line.addSubcommand(new StatusCommand(trails));
        line.addSubcommand(new FailoverCommand(trails));
        line.addSubcommand(new JobsCommand(trails));
        line.addSubcommand(new JobCommand(trails));
        return line;
    }
}
