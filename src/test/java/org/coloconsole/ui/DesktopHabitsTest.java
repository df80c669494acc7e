package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.ui.dashboard.ScriptedFailoverPort;
import org.coloconsole.ui.dashboard.Snapshots;
import org.coloconsole.ui.log.Rows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 18's habits of desktop software: names in the title, menus, Ctrl+F, copying log rows, remembered state. */
@ExtendWith(ApplicationExtension.class)
class DesktopHabitsTest {
    @TempDir
    static Path dir;

    private FakeSession session;
    private ConsoleWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        session = new FakeSession(Snapshots.protectedPair(), new ScriptedFailoverPort());
        window = session.showOnLabSockets(stage, dir);
    }

    @Test
    void thePairsNameIsInTheTitleAndOnTheBanner(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getTitle()).isEqualTo("lab — COLO Console");
        assertThat(robot.lookup("#banner-pair").queryLabeled().getText()).isEqualTo("lab");
    }

    @Test
    void theMenuBarHasFileViewPairHelpAndNoFailoverOnAKey(FxRobot robot) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        assertThat(bar.getMenus()).extracting(Menu::getText).containsExactly("File", "View", "Pair", "Help");
        Menu pair = bar.getMenus().get(2);
        assertThat(pair.getItems()).extracting(MenuItem::getText)
                .containsExactly("Promote the secondary…", "Continue on the primary…");
        assertThat(pair.getItems()).allSatisfy(item -> assertThat(item.getAccelerator()).isNull());
        MenuItem quit = bar.getMenus().get(0).getItems().stream().filter(i -> "Quit".equals(i.getText())).findFirst()
                .orElseThrow();
        assertThat(quit.getAccelerator()).isEqualTo(ConsoleMenus.QUIT);
        assertThat(bar.getMenus().get(0).getItems()).extracting(MenuItem::getText)
                .contains("Connect…", "Recent", "Export log");
    }

    @Test
    void helpOffersTheOperatorGuideAndSaysWhereItWasLookedForWhenItIsNowhere(FxRobot robot) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        assertThat(bar.getMenus().get(3).getItems()).extracting(MenuItem::getId)
                .containsExactly("menu-guide", "menu-shortcuts", "menu-about");
        Path nowhere = dir.resolve("no/operator-guide.md");
        new org.coloconsole.ui.fx.FxThread().execute(() -> window.showOperatorGuide(new OperatorGuide(java.util.List.of(nowhere))));
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#guide-dialog").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup("#guide-dialog").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(((javafx.scene.control.TextArea) pane.getContent()).getText()).contains(nowhere.toString());
        robot.interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
    }

    @Test
    void ctrlFFocusesTheLogSearch(FxRobot robot) {
        robot.clickOn("#primary-card");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#log-text-filter").queryAs(TextField.class).isFocused()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void logRowsCopyAsTextAndAsJson(FxRobot robot) {
        session.log(Rows.resume(1, "primary"), Rows.coloExit(2, "secondary", "error"));
        TableView<LogEntry> table = robot.lookup("#log-table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().selectAll());
        robot.clickOn(table).interact(() -> table.getSelectionModel().selectAll());
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        String[] text = new String[1];
        Object[] json = new Object[1];
        robot.interact(() -> {
            text[0] = Clipboard.getSystemClipboard().getString();
            json[0] = Clipboard.getSystemClipboard().getContent(
                    javafx.scene.input.DataFormat.lookupMimeType("application/json"));
        });
        assertThat(text[0].lines()).hasSize(2);
        assertThat(text[0].lines().toList().get(0)).contains("\tprimary\tRESUME\t");
        assertThat(((String) json[0]).lines()).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("{\"sequence\":"));
        assertThat(((String) json[0]).lines().toList().get(1)).contains("\"event\":\"COLO_EXIT\"");
    }

    @Test
    void theWindowsStateIsSavedAndReadBack() throws Exception {
        Path file = dir.resolve("config/colo-console/window.properties");
        WindowMemory memory = WindowMemory.load(file, Map.of("GTK_THEME", "Adwaita"));
        WindowState[] now = new WindowState[1];
        // the stage is not moved: TestFX shares it with the next test class, and Monocle cannot paint it off screen
        org.testfx.api.FxToolkit.setupFixture(() -> {
            window.restoreDivider(OptionalDouble.of(0.42));
            now[0] = ConsoleApp.stateOf(stage, window, new Theme(true));
        });
        assertThat(memory.save(now[0])).isEmpty();

        WindowMemory again = WindowMemory.load(file, Map.of());
        assertThat(again.loaded().x()).isEqualTo(now[0].x());
        assertThat(again.loaded().y()).isEqualTo(now[0].y());
        assertThat(again.loaded().x()).isPresent();
        assertThat(again.loaded().width()).isEqualTo(now[0].width());
        assertThat(again.loaded().divider()).isPresent();
        assertThat(again.loaded().divider().getAsDouble()).isCloseTo(0.42, org.assertj.core.data.Offset.offset(0.01));
        assertThat(again.startDark(false)).as("the operator's last theme").isTrue();
        assertThat(java.nio.file.Files.getPosixFilePermissions(file).toString()).doesNotContain("OTHERS");
    }

    @Test
    void atFirstStartTheDesktopsDarkPreferenceCounts() {
        WindowMemory fresh = WindowMemory.load(dir.resolve("nowhere/window.properties"), Map.of("GTK_THEME", "Adwaita:dark"));
        assertThat(fresh.startDark(false)).isTrue();
    }

    @Test
    void aboutNamesEachSidesQemu() {
        String about = AboutText.of("0.1.0", "17.0.14+7", "Debian", "21.0.5",
                Optional.of(Snapshots.protectedPair().state()));
        assertThat(about).contains("COLO Console 0.1.0", "Java 17.0.14+7 (Debian)", "JavaFX 21.0.5",
                "Primary: QEMU 7.2.22", "Secondary: QEMU 7.2.22");
    }
}
