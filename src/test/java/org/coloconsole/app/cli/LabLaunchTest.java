package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.coloconsole.app.GuiLauncher;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code colo-console --lab}: the window itself starts the lab, so that it knows it runs on one (its status bar says
 * so) and stops it when it closes. The window's side is tested in {@code ui.LabWindowTest}.
 */
class LabLaunchTest {

    @Test
    void labOpensTheWindowOnALabItStartsItself() {
        List<GuiLauncher.WindowStart> opened = new ArrayList<>();
        CommandLine cli = Cli.commandLine(start -> {
            opened.add(start);
            return 0;
        }, () -> {
            throw new AssertionError("the window's journal is the window's business");
        });
        assertThat(cli.execute("--lab")).isZero();
        assertThat(opened).containsExactly(new GuiLauncher.WindowStart.Lab());
    }

    @Test
    void labAndEndpointsTogetherAreAUsageError() {
        CommandLine cli = Cli.commandLine(start -> 0, () -> null);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("--lab", "--primary", "unix:/a", "--secondary", "unix:/b")).isEqualTo(2);
        assertThat(err.toString()).contains("--lab starts its own pair");
    }
}
