package org.coloconsole;

import org.coloconsole.app.cli.Cli;

/** Entry point: builds the object graph in one place and hands over to the CLI or the console window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.commandLine(pair -> {
            System.err.println("The console window is not built yet; use a subcommand (see --help).");
            return 2;
        }).execute(args);
        System.exit(code);
    }
}
