package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpConnectException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code colo-console --lab}: the window opens on a real pair that lives exactly as long as the window. */
class LabLaunchTest {

    @Test
    void theWindowOpensOnARunningPairWhichStopsWhenItCloses() throws Exception {
        AtomicReference<GuiLauncher.PairEndpoints> opened = new AtomicReference<>();
        AtomicReference<String> modeWhileOpen = new AtomicReference<>();
        CommandLine cli = Cli.commandLine((pair, security) -> {
            opened.set(pair.orElseThrow());
            try (QmpClient client = new QmpClient(QmpClientOptions.defaults("test"))) {
                client.connect(pair.get().secondary());
                modeWhileOpen.set(client.execute("query-colo-status").get(5, TimeUnit.SECONDS)
                        .string("mode").orElse("?"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return 0;
        }, () -> {
            throw new AssertionError("the window's journal is the window's business");
        });
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("--lab")).isZero();
        assertThat(modeWhileOpen.get()).isEqualTo("secondary");
        assertThat(err.toString()).contains("Starting a local COLO lab pair");
        try (QmpClient after = new QmpClient(QmpClientOptions.defaults("after"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> after.connect(opened.get().primary()))
                    .isInstanceOf(QmpConnectException.class);
        }
    }

    @Test
    void labAndEndpointsTogetherAreAUsageError() {
        CommandLine cli = Cli.commandLine((pair, security) -> 0, () -> null);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("--lab", "--primary", "unix:/a", "--secondary", "unix:/b")).isEqualTo(2);
        assertThat(err.toString()).contains("--lab starts its own pair");
    }
}
