package org.coloconsole;

import org.coloconsole.app.cli.Cli;
import org.coloconsole.ui.ConsoleLauncher;

/** Entry point: builds the object graph in one place and hands over to the CLI or the console window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.commandLine(ConsoleLauncher.standard(System.getenv())).execute(args);
        System.exit(code);
    }
}
