package org.coloconsole.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.coloconsole.app.AppVersion;
import org.coloconsole.colo.PairState;

/**
 * The Help menu's dialogs: keyboard shortcuts, About, the operator guide. Each says its text as text the operator can
 * select and copy. Shown on the FX thread; only the guide's hand-over to the desktop runs off it.
 */
final class HelpDialogs {
    private final Supplier<Window> owner;
    private final Consumer<Dialog<?>> style;
    private final Executor io;
    private final Executor fx;
    private final Consumer<String> say;

    /**
     * @param style gives a dialog the window's sheet and light/dark choice
     * @param io    where the guide is handed to the desktop
     * @param say   the status bar
     */
    HelpDialogs(Supplier<Window> owner, Consumer<Dialog<?>> style, Executor io, Executor fx, Consumer<String> say) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.style = Objects.requireNonNull(style, "style");
        this.io = Objects.requireNonNull(io, "io");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.say = Objects.requireNonNull(say, "say");
    }

    void showShortcuts() {
        showText("shortcuts-dialog", "Keyboard shortcuts", "Keyboard shortcuts", String.join("\n",
                "Ctrl+O\tConnect to a pair",
                "Ctrl+F\tSearch the event log",
                "Ctrl+C\tCopy the selected log rows as text",
                "Ctrl+Shift+C\tCopy the selected log rows as JSON",
                "Ctrl+Q\tQuit",
                "F10\tThe menu bar",
                "Tab / Shift+Tab\tMove between controls",
                "",
                "A failover has no shortcut: use the failover panel or the Pair menu,",
                "then tick the confirmation in the dialog.",
                "Screen readers: colo-console watch --json gives every change as a line."));
    }

    /** @param pair the open pair's state, for each side's QEMU version */
    void showAbout(Optional<PairState> pair) {
        showText("about-dialog", "About COLO Console", "COLO Console " + AppVersion.current(),
                AboutText.of(AppVersion.current(),
                        System.getProperty("java.runtime.version", System.getProperty("java.version")),
                        System.getProperty("java.vendor", ""), System.getProperty("javafx.runtime.version", "unknown"),
                        pair));
    }

    /**
     * Help ▸ Operator guide: handed to the desktop off the FX thread; when it is not found or nothing opens it, a
     * dialog says where it is (or where it was looked for), as text the operator can copy.
     */
    void showOperatorGuide(OperatorGuide guide) {
        Optional<Path> file = guide.find();
        if (file.isEmpty()) {
            showText("guide-dialog", "Operator guide", "The operator guide is not installed here",
                    "Looked for it in:\n" + guide.candidates().stream().map(p -> "  " + p)
                            .collect(Collectors.joining("\n"))
                    + "\nIt is docs/operator-guide.md in the source tree.");
            return;
        }
        say.accept("Opening the operator guide " + file.get() + "…");
        // the profile-I/O thread only starts xdg-open; its answer arrives on the process reaper's thread
        io.execute(() -> OperatorGuide.openOnDesktop(file.get()).thenAccept(failure -> failure.ifPresent(why ->
                fx.execute(() -> showText("guide-dialog", "Operator guide",
                        "The desktop did not open the operator guide: " + why, file.get().toString())))));
    }

    /** An information dialog whose text the reader may select and copy. */
    private void showText(String id, String title, String header, String text) {
        Alert info = new Alert(Alert.AlertType.INFORMATION);
        style.accept(info);
        info.initOwner(owner.get());
        info.setTitle(title);
        info.setHeaderText(header);
        info.getDialogPane().setId(id);
        info.getDialogPane().setContent(selectable(text));
        info.showAndWait();
    }

    /** Text a reader may copy from a dialog: read-only, selectable, sized to its lines. */
    private static TextArea selectable(String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(false);
        area.setPrefRowCount((int) text.lines().count() + 1);
        area.setPrefColumnCount(text.lines().mapToInt(String::length).max().orElse(40) + 2);
        area.getStyleClass().add("selectable-text");
        return area;
    }
}
