package org.coloconsole.ui.profile;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.coloconsole.app.profile.ConnectionProfile;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** What the console shows before it watches a pair: recent profiles, "Connect…" and "Start local lab pair". */
public final class StartView extends VBox {
    private final ListView<ConnectionProfile> recent = new ListView<>();
    private final Label message = new Label();
    private final Button lab = new Button("Start local lab pair", new FontIcon(Material2MZ.SCIENCE));

    public StartView(List<ConnectionProfile> recentProfiles, Consumer<ConnectionProfile> open, Runnable connect,
                     Runnable startLab) {
        this(recentProfiles, open, connect, startLab, p -> { }, p -> { });
    }

    /**
     * @param edit   opens the profile's dialog filled in; a new name there renames it
     * @param delete removes the profile (the window asks first)
     */
    public StartView(List<ConnectionProfile> recentProfiles, Consumer<ConnectionProfile> open, Runnable connect,
                     Runnable startLab, Consumer<ConnectionProfile> edit, Consumer<ConnectionProfile> delete) {
        setId("start-view");
        getStyleClass().add("start-view");
        setSpacing(14);
        setPadding(new Insets(40, 60, 40, 60));
        setAlignment(Pos.TOP_CENTER);
        setMaxWidth(760);

        Label title = new Label("Watch a COLO pair");
        title.getStyleClass().add("start-title");
        Label hint = new Label("Open a recent pair, connect to a new one, or start a local lab pair to try the console.");
        hint.setWrapText(true);

        recent.setId("recent-profiles");
        recent.getItems().setAll(recentProfiles);
        recent.setPlaceholder(new Label("No recent pairs yet."));
        recent.setPrefHeight(180);
        recent.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + "    " + p.primary() + "  ⇄  " + p.secondary());
            }
        });
        recent.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && selected() != null) {
                open.accept(selected());
            }
        });
        recent.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && selected() != null) {
                open.accept(selected());
            }
        });

        Button openButton = new Button("Open", new FontIcon(Material2MZ.OPEN_IN_NEW));
        openButton.setId("open-profile");
        openButton.disableProperty().bind(recent.getSelectionModel().selectedItemProperty().isNull());
        openButton.setOnAction(e -> open.accept(selected()));
        Button connectButton = new Button("Connect…", new FontIcon(Material2AL.LINK));
        connectButton.setId("connect");
        connectButton.setOnAction(e -> connect.run());
        lab.setId("start-lab");
        lab.getStyleClass().add("accent");
        lab.setOnAction(e -> startLab.run());
        Button editButton = new Button("Edit…", new FontIcon(Material2AL.EDIT));
        editButton.setId("edit-profile");
        editButton.disableProperty().bind(recent.getSelectionModel().selectedItemProperty().isNull());
        editButton.setOnAction(e -> edit.accept(selected()));
        editButton.setAccessibleText("Edit or rename the selected pair's profile");
        Button deleteButton = new Button("Delete", new FontIcon(Material2AL.DELETE));
        deleteButton.setId("delete-profile");
        deleteButton.disableProperty().bind(recent.getSelectionModel().selectedItemProperty().isNull());
        deleteButton.setOnAction(e -> delete.accept(selected()));
        deleteButton.setAccessibleText("Delete the selected pair's profile");
        recent.setAccessibleText("Recent pairs; Enter opens the selected one");
        openButton.setAccessibleText("Open the selected pair");
        connectButton.setAccessibleText("Connect to a new pair");
        lab.setAccessibleText("Start a local lab pair of two QEMUs on this machine");
        HBox buttons = new HBox(10, openButton, editButton, deleteButton, connectButton, lab);
        buttons.setAlignment(Pos.CENTER_LEFT);

        message.setId("start-message");
        message.setWrapText(true);
        message.getStyleClass().add("start-message");

        Label recentTitle = new Label("Recent pairs");
        recentTitle.getStyleClass().add("section-title");
        getChildren().addAll(title, hint, recentTitle, recent, buttons, message);
    }

    private ConnectionProfile selected() {
        return recent.getSelectionModel().getSelectedItem();
    }

    /** The recent profiles, read off the FX thread after the start screen was shown. */
    public void showRecent(List<ConnectionProfile> profiles) {
        recent.getItems().setAll(profiles);
    }

    /** Says what is happening (e.g. the lab starting) or what went wrong, in a sentence. */
    public void say(String text, boolean busy) {
        message.setText(text);
        lab.setDisable(busy);
    }
}
