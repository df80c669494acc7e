package org.coloconsole.ui.profile;

import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.coloconsole.app.profile.ConnectionProfile;

/** Names a pair, sets both monitors and the heartbeat; each field's problem is shown beside it as it is typed. */
public final class ProfileDialog extends Dialog<ConnectionProfile> {
    public static final ButtonType CONNECT = new ButtonType("Save and connect", ButtonData.OK_DONE);

    public ProfileDialog(Window owner, ProfileFormViewModel form) {
        initOwner(owner);
        setTitle("Connect to a COLO pair");
        setHeaderText("Name the pair and give both QEMU monitors (the console needs a monitor of its own on each).");
        getDialogPane().setId("profile-dialog");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        ColumnConstraints names = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints(260);
        ColumnConstraints errors = new ColumnConstraints(300);
        errors.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, fields, errors);
        int row = 0;
        row = field(grid, row, "Name", "profile-name", form.nameProperty(), form.nameErrorProperty(), "rack-3 web");
        row = field(grid, row, "Primary monitor", "profile-primary", form.primaryProperty(), form.primaryErrorProperty(),
                "tcp:10.0.0.1:4444");
        row = field(grid, row, "Secondary monitor", "profile-secondary", form.secondaryProperty(),
                form.secondaryErrorProperty(), "unix:/run/colo/secondary.sock");
        row = field(grid, row, "Heartbeat interval (ms)", "profile-interval", form.intervalProperty(),
                form.intervalErrorProperty(), "250");
        row = field(grid, row, "Misses before unresponsive", "profile-misses", form.missesProperty(),
                form.missesErrorProperty(), "3");
        row = field(grid, row, "Ping timeout (ms)", "profile-timeout", form.pingTimeoutProperty(),
                form.pingTimeoutErrorProperty(), "3000");
        Label cross = errorLabel(form.heartbeatErrorProperty());
        grid.add(cross, 1, row, 2, 1);

        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, CONNECT);
        getDialogPane().lookupButton(CONNECT).disableProperty().bind(form.validProperty().not());
        setResultConverter(button -> button == CONNECT ? form.toProfile().orElse(null) : null);
    }

    private static int field(GridPane grid, int row, String name, String id, StringProperty value,
                             ObservableStringValue error, String prompt) {
        Label label = new Label(name);
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        label.setLabelFor(field);
        Label problem = errorLabel(error);
        problem.setId(id + "-error");
        grid.addRow(row, label, field, problem);
        return row + 1;
    }

    private static Label errorLabel(ObservableStringValue error) {
        Label problem = new Label();
        problem.textProperty().bind(error);
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        return problem;
    }
}
