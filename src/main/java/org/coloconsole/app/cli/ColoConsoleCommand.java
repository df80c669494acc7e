package org.coloconsole.app.cli;

import java.util.concurrent.Callable;
import org.coloconsole.app.AppVersion;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.qmp.Endpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code colo-console}: with no subcommand it opens the console window. */
@Command(name = "colo-console", mixinStandardHelpOptions = true, versionProvider = ColoConsoleCommand.Version.class,
        description = {"Failover operator console for QEMU COLO.",
                "Without a subcommand, opens the console window (on --primary/--secondary if given)."})
public final class ColoConsoleCommand implements Callable<Integer> {

    private final GuiLauncher gui;
    private final Profiles profiles;

    @Spec
    private CommandSpec spec;

    @Option(names = "--primary", paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "the primary's QMP monitor (tcp:HOST:PORT, tls:HOST:PORT or unix:/path)")
    private Endpoint primary;

    @Option(names = "--secondary", paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "the secondary's QMP monitor")
    private Endpoint secondary;

    @Option(names = "--lab", description = "start a local COLO lab pair of two real QEMUs on loopback, open the "
            + "console on it, and stop it when the window closes")
    private boolean lab;

    @Option(names = "--profile", paramLabel = "NAME", description = "open the window on a saved profile (its "
            + "monitors, heartbeat, TLS settings and alert command)")
    private String profile;

    @Option(names = "--name", paramLabel = "NAME", description = "the pair's name for --primary/--secondary, in the "
            + "title, on the banner and in the confirmation (default: made from the endpoints' hosts)")
    private String name;

    @Mixin
    private TransportOptions transport;

    ColoConsoleCommand(GuiLauncher gui, Profiles profiles) {
        this.gui = gui;
        this.profiles = profiles;
    }

    @Override
    public Integer call() {
        if (profile != null) {
            if (lab || primary != null || secondary != null || transport.given() || name != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--profile " + profile + " names the pair"
                        + " and how to reach it: leave out --lab, --primary, --secondary, --name and the TLS options");
            }
            // read now, so that a misspelt name is a usage error here rather than a message in the window
            return gui.launch(new GuiLauncher.WindowStart.Profile(profiles.named(spec.commandLine(), profile).name()));
        }
        if (name != null && primary == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--name names the pair given with --primary and --secondary: give the pair too");
        }
        if ((primary == null) != (secondary == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give both --primary and --secondary, or neither");
        }
        if (lab && primary != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--lab starts its own pair: leave out --primary and --secondary");
        }
        if (primary == null && transport.given()) {
            throw new CommandLine.ParameterException(spec.commandLine(), lab
                    ? "--lab starts its own pair on local sockets: leave out --tls-ca, --tls-cert, --tls-key and"
                    + " --allow-insecure"
                    : "--tls-ca, --tls-cert, --tls-key and --allow-insecure apply to the pair given with --primary and"
                    + " --secondary: give the pair too, or set them in a profile (Connect… in the window)");
        }
        if (lab) {
            // the window starts the pair itself, shows its progress and stops it when it closes
            return gui.launch(new GuiLauncher.WindowStart.Lab());
        }
        if (primary == null) {
            return gui.launch(new GuiLauncher.WindowStart.StartScreen());
        }
        // checked before the window opens, so a combination that cannot work is a usage error as in the subcommands
        TransportSecurity security = transport.security(spec.commandLine(), primary, secondary);
        GuiLauncher.PairEndpoints pair = new GuiLauncher.PairEndpoints(primary, secondary);
        return gui.launch(new GuiLauncher.WindowStart.Pair(pair, security,
                name == null || name.isBlank() ? pair.derivedName() : name.strip()));
    }

    /** Reads the version Maven wrote into the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"colo-console " + AppVersion.current()};
        }
    }
}
