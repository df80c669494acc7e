package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.app.profile.ProfileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Profiles are deleted in the window, off the FX thread, and the start screen follows. */
@ExtendWith(ApplicationExtension.class)
class ProfileEditTest {
    @TempDir
    static Path dir;
    private ProfileStore store;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        store = new ProfileStore(dir.resolve("profiles.json"));
        store.save(ConnectionProfile.of("db-pair", new org.coloconsole.app.GuiLauncher.PairEndpoints(
                org.coloconsole.qmp.Endpoint.parse("unix:/run/db/p.sock"), org.coloconsole.qmp.Endpoint.parse("unix:/run/db/s.sock")),
                org.coloconsole.engine.HeartbeatSettings.defaults()));
        store.markUsed("db-pair", java.time.Instant.parse("2026-11-25T21:00:00Z"));
        ConsoleContext context = new ConsoleContext(Optional.empty(), (name, p, hb, options) -> {
            throw new IllegalStateException("nothing opens here");
        }, () -> { throw new IllegalStateException("no lab in this test"); }, store, Clock.systemUTC(),
                ZoneOffset.UTC, false);
        window = ConsoleApp.show(stage, context);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeletedProfileLeavesTheStoreAndTheList(FxRobot robot) throws Exception {
        ListView<ConnectionProfile> recent = robot.lookup("#recent-profiles").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> recent.getItems().size() == 1);
        assertThat(robot.lookup("#delete-profile").tryQuery()).isPresent();

        robot.interact(() -> window.deleteNow(recent.getItems().get(0)));

        await().atMost(Duration.ofSeconds(5)).until(() -> recent.getItems().isEmpty());
        assertThat(store.list()).isEmpty();
    }
}
