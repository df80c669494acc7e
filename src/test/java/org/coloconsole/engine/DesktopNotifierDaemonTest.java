package org.coloconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.coloconsole.colo.Alert;
import org.coloconsole.colo.Side;
import org.coloconsole.testing.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notification reaches a real notification daemon: the test starts its own session bus ({@code dbus-daemon}), an
 * X server ({@code Xvfb}) and Debian's {@code dunst}, whose per-notification script records what it received.
 */
class DesktopNotifierDaemonTest {
    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).destroy();
        }
    }

    @Test
    void aCriticalAlertArrivesAtTheDaemonWithItsTitleBodyAndUrgency() throws Exception {
        Needs.satisfied(missing("dbus-daemon", "Xvfb", "dunst", "notify-send"));
        Process bus = start(List.of("dbus-daemon", "--session", "--nofork", "--print-address=1"), Map.of());
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
                .readLine().strip();
        // Xvfb picks a free display itself and writes its number on stdout (-displayfd): no clash with another X
        Process x = start(List.of("Xvfb", "-displayfd", "1", "-screen", "0", "800x600x24", "-nolisten", "tcp"), Map.of());
        String display = ":" + new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.UTF_8))
                .readLine().strip();

        Path received = dir.resolve("received.txt");
        Path script = dir.resolve("record.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s|%s|%s|%s\\n' \"$1\" \"$2\" \"$3\" \"$5\" >> '"
                + received + "'\n");
        script.toFile().setExecutable(true);
        Path config = dir.resolve("dunstrc");
        Files.writeString(config, "[global]\n    monitor = 0\n[record]\n    appname = \"COLO Console\"\n    script = "
                + script + "\n");
        Map<String, String> env = Map.of("DBUS_SESSION_BUS_ADDRESS", address, "DISPLAY", display);
        start(List.of("dunst", "-config", config.toString()), env);

        DesktopNotifier notifier = new DesktopNotifier("notify-send", env, Runnable::run);
        Alert alert = new Alert(Alert.Kind.ACT, Optional.of(Side.SECONDARY), "db-pair: failover recommended",
                "Primary lost 2.1 s ago (socket closed). Recommended: promote the secondary.", Instant.now());
        // dunst takes the bus name a moment after it starts: until then notify-send fails, so try again
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> notifier.notify(alert).join().isEmpty());

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(received)
                && !Files.readString(received).isEmpty());
        assertThat(Files.readString(received).strip()).isEqualTo("COLO Console|db-pair: failover recommended|"
                + "Primary lost 2.1 s ago (socket closed). Recommended: promote the secondary.|CRITICAL");
    }

    @Test
    void withoutAServiceTheFailureIsASentenceNotAnException() {
        DesktopNotifier notifier = new DesktopNotifier("/nonexistent/notify-send", Map.of(), Runnable::run);
        Optional<String> failure = notifier.notify(new Alert(Alert.Kind.SIDE_LOST, Optional.of(Side.PRIMARY), "t",
                "b", Instant.now())).join();
        assertThat(failure).hasValueSatisfying(s -> assertThat(s).contains("install libnotify-bin"));
    }

    private Process start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve(
                Path.of(command.get(0)).getFileName() + ".err").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static Optional<String> missing(String... programs) {
        for (String program : programs) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
            if (!found) {
                return Optional.of(program + " is not installed (Debian: dbus-daemon, xvfb, dunst, libnotify-bin)");
            }
        }
        return Optional.empty();
    }
}
