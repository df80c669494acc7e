package org.coloconsole.app.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.coloconsole.app.AppVersion;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.qmp.Endpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code colo-console}: with no subcommand it opens the console window. */
@Command(name = "colo-console", mixinStandardHelpOptions = true, versionProvider = ColoConsoleCommand.Version.class,
        description = {"Failover operator console for QEMU COLO.",
                "Without a subcommand, opens the console window (on --primary/--secondary if given)."})
public final class ColoConsoleCommand implements Callable<Integer> {

    private final GuiLauncher gui;

    @Spec
    private CommandSpec spec;

    @Option(names = "--primary", paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "the primary's QMP monitor (tcp:HOST:PORT or unix:/path)")
    private Endpoint primary;

    @Option(names = "--secondary", paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "the secondary's QMP monitor")
    private Endpoint secondary;

    public ColoConsoleCommand(GuiLauncher gui) {
        this.gui = gui;
    }

    @Override
    public Integer call() {
        if ((primary == null) != (secondary == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give both --primary and --secondary, or neither");
        }
        return gui.launch(primary == null ? Optional.empty()
                : Optional.of(new GuiLauncher.PairEndpoints(primary, secondary)));
    }

    /** Reads the version Maven wrote into the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"colo-console " + AppVersion.current()};
        }
    }
}
