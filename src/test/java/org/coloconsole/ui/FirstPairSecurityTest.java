package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.TlsSettings;
import org.coloconsole.ui.dashboard.ScriptedFailoverPort;
import org.coloconsole.ui.dashboard.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window opened on the command line's pair opens its session with the command line's TLS files. */
@ExtendWith(ApplicationExtension.class)
class FirstPairSecurityTest {
    @TempDir
    static Path dir;

    private static final TransportSecurity FROM_THE_COMMAND_LINE = new TransportSecurity(Optional.of(
            new TlsSettings(Path.of("/etc/colo/ca.pem"), Path.of("/etc/colo/console.pem"),
                    Path.of("/etc/colo/console-key.pem"))), true);

    private final List<TransportSecurity> opened = new ArrayList<>();

    @Start
    void start(Stage stage) {
        PairEndpoints pair = new PairEndpoints(Endpoint.parse("tls:10.0.0.1:4444"), Endpoint.parse("tls:10.0.0.2:4444"));
        ConsoleContext context = new ConsoleContext(Optional.of(pair), FROM_THE_COMMAND_LINE,
                (name, p, heartbeat, options) -> {
                    opened.add(options.security());
                    return new FakeSession(Snapshots.protectedPair(), new ScriptedFailoverPort());
                },
                () -> {
                    throw new IllegalStateException("no lab in this test");
                },
                new ProfileStore(dir.resolve("profiles.json")), Clock.systemUTC(), ZoneOffset.UTC, false, false);
        ConsoleApp.show(stage, context);
    }

    @Test
    void theSessionIsOpenedWithTheTlsFilesAndTheInsecureChoice() {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).containsExactly(FROM_THE_COMMAND_LINE);
    }
}
