package org.coloconsole.ui;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.colo.Side;
import org.coloconsole.ui.log.LogExporter;
import org.coloconsole.ui.log.LogTimes;

/**
 * The menu bar, as desktop software has one: File, View, Pair, Help. It only forwards to the window; whether an item
 * is offered comes from the view models (the Pair items from the failover panel's own rule). The failover items have
 * no accelerator: no single key (nor chord) starts a failover.
 */
final class ConsoleMenus {
    /** What the menus ask the window to do. */
    interface Actions {
        void connect();

        void exportLog(LogExporter.Format format);

        void disconnect();

        void quit();

        void findInLog();

        void failover(Side target);

        void showShortcuts();

        void showAbout();

        void showOperatorGuide();
    }

    static final KeyCombination CONNECT = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final MenuBar bar = new MenuBar();
    private final Menu recent = new Menu("Recent");
    private final CheckMenuItem follow = new CheckMenuItem("Follow log");
    private final MenuItem promote = new MenuItem("Promote the secondary…");
    private final MenuItem continuePrimary = new MenuItem("Continue on the primary…");
    private final Menu export = new Menu("Export log");
    private final MenuItem find = new MenuItem("Find in log");
    private final MenuItem disconnect = new MenuItem("Disconnect");
    private BooleanProperty followBound;

    ConsoleMenus(Actions actions, BooleanProperty dark, ObjectProperty<LogTimes> logTimes) {
        bar.setId("menu-bar");
        bar.setUseSystemMenuBar(true);

        MenuItem connect = item("Connect…", "menu-connect", actions::connect);
        connect.setAccelerator(CONNECT);
        recent.setId("menu-recent");
        recent.getItems().add(disabled("No recent pairs"));
        MenuItem jsonLines = item("As JSON Lines…", "menu-export-jsonl", () -> actions.exportLog(LogExporter.Format.JSON_LINES));
        MenuItem csv = item("As CSV…", "menu-export-csv", () -> actions.exportLog(LogExporter.Format.CSV));
        export.setId("menu-export");
        export.getItems().addAll(jsonLines, csv);
        disconnect.setId("menu-disconnect");
        disconnect.setOnAction(e -> actions.disconnect());
        MenuItem quit = item("Quit", "menu-quit", actions::quit);
        quit.setAccelerator(QUIT);
        Menu file = new Menu("File", null, connect, recent, new SeparatorMenuItem(), export, disconnect,
                new SeparatorMenuItem(), quit);

        CheckMenuItem darkItem = new CheckMenuItem("Dark theme");
        darkItem.setId("menu-dark");
        darkItem.selectedProperty().bindBidirectional(dark);
        follow.setId("menu-follow");
        find.setId("menu-find");
        find.setOnAction(e -> actions.findInLog());
        find.setAccelerator(FIND);
        Menu view = new Menu("View", null, darkItem, follow, find, new SeparatorMenuItem());
        view.getItems().addAll(logTimesItems(logTimes));

        promote.setId("menu-promote");
        promote.setOnAction(e -> actions.failover(Side.SECONDARY));
        continuePrimary.setId("menu-continue");
        continuePrimary.setOnAction(e -> actions.failover(Side.PRIMARY));
        Menu pair = new Menu("Pair", null, promote, continuePrimary);
        pair.setId("menu-pair");

        Menu help = new Menu("Help", null, item("Operator guide", "menu-guide", actions::showOperatorGuide),
                item("Keyboard shortcuts", "menu-shortcuts", actions::showShortcuts),
                item("About COLO Console", "menu-about", actions::showAbout));
        help.setId("menu-help");
        file.setId("menu-file");
        view.setId("menu-view");
        bar.getMenus().addAll(file, view, pair, help);
        showPair(null, null, null);
    }

    /** Binds the pair's items to what is open now; {@code nulls} when no pair is open (the start screen). */
    void showPair(ObservableBooleanValue promoteDisabled, ObservableBooleanValue continueDisabled,
                  BooleanProperty followTail) {
        boolean open = promoteDisabled != null;
        promote.disableProperty().unbind();
        continuePrimary.disableProperty().unbind();
        if (open) {
            promote.disableProperty().bind(promoteDisabled);
            continuePrimary.disableProperty().bind(continueDisabled);
        } else {
            promote.setDisable(true);
            continuePrimary.setDisable(true);
        }
        if (followBound != null) {
            follow.selectedProperty().unbindBidirectional(followBound);
        }
        followBound = followTail;
        if (followTail != null) {
            follow.selectedProperty().bindBidirectional(followTail);
        }
        follow.setDisable(!open);
        export.setDisable(!open);
        find.setDisable(!open);
        disconnect.setDisable(!open);
    }

    /** The recent pairs, newest first; each opens its profile. */
    void showRecent(List<ConnectionProfile> profiles,
                    Consumer<ConnectionProfile> open) {
        recent.getItems().clear();
        for (ConnectionProfile p : profiles) {
            MenuItem item = new MenuItem(p.name());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open.accept(p));
            recent.getItems().add(item);
        }
        if (profiles.isEmpty()) {
            recent.getItems().add(disabled("No recent pairs"));
        }
    }

    MenuBar bar() {
        return bar;
    }

    /** "Times in local time" / "Times in UTC": one of the two is ticked, and picking one sets the log's clock. */
    private static List<MenuItem> logTimesItems(ObjectProperty<LogTimes> logTimes) {
        ToggleGroup group = new ToggleGroup();
        RadioMenuItem local = new RadioMenuItem("Times in local time");
        local.setId("menu-times-local");
        RadioMenuItem utc = new RadioMenuItem("Times in UTC");
        utc.setId("menu-times-utc");
        local.setToggleGroup(group);
        utc.setToggleGroup(group);
        Runnable tick = () -> group.selectToggle(logTimes.get() == LogTimes.UTC ? utc : local);
        tick.run();
        logTimes.addListener((obs, old, now) -> tick.run());
        local.setOnAction(e -> logTimes.set(LogTimes.LOCAL));
        utc.setOnAction(e -> logTimes.set(LogTimes.UTC));
        return List.of(local, utc);
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private static MenuItem disabled(String text) {
        MenuItem item = new MenuItem(text);
        item.setDisable(true);
        return item;
    }
}
