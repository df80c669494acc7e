package org.coloconsole.ui.profile;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.app.profile.ProbeProblems;
import org.coloconsole.app.profile.ProfileHints;
import org.coloconsole.app.profile.SecurityProblems;

/**
 * Names a pair, sets both monitors, the heartbeat and how the monitors are reached safely (TLS files, or plain TCP off
 * loopback when the operator says so); each field's problem is shown beside it as it is typed.
 */
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
        // the labels keep their width: the dialog shrinks the error column (whose sentences wrap) instead
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints(320);
        fields.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints errors = new ColumnConstraints(320);
        errors.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, fields, errors);
        int row = 0;
        row = field(grid, row, "Name", "profile-name", form.nameProperty(), form.nameErrorProperty(), "rack-3 web");
        row = field(grid, row, "Primary monitor", "profile-primary", form.primaryProperty(), form.primaryErrorProperty(),
                "tls:10.0.0.1:4444");
        row = field(grid, row, "Secondary monitor", "profile-secondary", form.secondaryProperty(),
                form.secondaryErrorProperty(), "unix:/run/colo/secondary.sock");
        row = field(grid, row, "Heartbeat interval (ms)", "profile-interval", form.intervalProperty(),
                form.intervalErrorProperty(), "250");
        row = field(grid, row, "Misses before unresponsive", "profile-misses", form.missesProperty(),
                form.missesErrorProperty(), "3");
        row = field(grid, row, "Ping timeout (ms)", "profile-timeout", form.pingTimeoutProperty(),
                form.pingTimeoutErrorProperty(), "3000");
        Label cross = errorLabel(form.heartbeatErrorProperty());
        cross.managedProperty().bind(cross.textProperty().isNotEmpty());
        grid.add(cross, 1, row++, 2, 1);

        grid.add(new Separator(), 0, row++, 3, 1);
        Label tlsTitle = new Label("TLS, for tls: monitors (PEM files as QEMU's tls-creds-x509 uses them)");
        tlsTitle.getStyleClass().add("section-title");
        grid.add(tlsTitle, 0, row++, 3, 1);
        row = fileField(grid, form, row, ProfileHints.CA_FIELD, "profile-tls-ca", form.tlsCaProperty(),
                form.tlsCaErrorProperty(), "/etc/pki/colo/ca-cert.pem", "Choose the CA that signed QEMU's server certificate");
        row = fileField(grid, form, row, ProfileHints.CERTIFICATE_FIELD, "profile-tls-cert", form.tlsCertProperty(),
                form.tlsCertErrorProperty(), "only for verify-peer=on", "Choose the console's client certificate");
        row = fileField(grid, form, row, ProfileHints.KEY_FIELD, "profile-tls-key", form.tlsKeyProperty(),
                form.tlsKeyErrorProperty(), "only for verify-peer=on", "Choose the client certificate's private key");

        CheckBox insecure = new CheckBox(SecurityProblems.INSECURE_CHOICE);
        insecure.setId("profile-allow-insecure");
        insecure.selectedProperty().bindBidirectional(form.allowInsecureProperty());
        Label warning = new Label("Anyone who can reach a plain-TCP monitor controls the VM: tick this only on a"
                + " network you trust, and prefer tls: monitors.");
        warning.setId("profile-insecure-warning");
        warning.getStyleClass().add("insecure-warning");
        warning.setWrapText(true);
        grid.add(insecure, 1, row++, 2, 1);
        grid.add(warning, 1, row++, 2, 1);

        grid.add(new Separator(), 0, row++, 3, 1);
        Label probesTitle = new Label("Service probes (optional): how the console tells that each guest serves");
        probesTitle.getStyleClass().add("section-title");
        grid.add(probesTitle, 0, row++, 3, 1);
        row = field(grid, row, "Primary probe", "profile-probe-primary", form.probePrimaryProperty(),
                form.probePrimaryErrorProperty(), "http://10.0.0.1:80/health or tcp:10.0.0.1:22");
        row = field(grid, row, "Expected status", "profile-probe-primary-status", form.probePrimaryStatusProperty(),
                form.probePrimaryStatusErrorProperty(), "200 (HTTP only)");
        row = field(grid, row, "Secondary probe", "profile-probe-secondary", form.probeSecondaryProperty(),
                form.probeSecondaryErrorProperty(), "http://10.0.0.2:80/health");
        row = field(grid, row, "Expected status", "profile-probe-secondary-status",
                form.probeSecondaryStatusProperty(), form.probeSecondaryStatusErrorProperty(), "200 (HTTP only)");
        CheckBox remoteProbes = new CheckBox(ProbeProblems.REMOTE_CHOICE);
        remoteProbes.setId("profile-allow-remote-probes");
        remoteProbes.selectedProperty().bindBidirectional(form.allowRemoteProbesProperty());
        grid.add(remoteProbes, 1, row++, 2, 1);

        grid.add(new Separator(), 0, row++, 3, 1);
        field(grid, row, "Alert command", "profile-alert-command", form.alertCommandProperty(),
                form.alertCommandErrorProperty(), "optional, e.g. /usr/local/bin/page-oncall");

        getDialogPane().setContent(grid);
        // typing goes into the name, not onto Cancel (where a space would close the dialog)
        setOnShown(e -> grid.lookup("#profile-name").requestFocus());
        getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, CONNECT);
        getDialogPane().lookupButton(CONNECT).disableProperty().bind(form.validProperty().not());
        setResultConverter(button -> button == CONNECT ? form.toProfile().orElse(null) : null);
    }

    private static int field(GridPane grid, int row, String name, String id, StringProperty value,
                             ObservableStringValue error, String prompt) {
        Label label = new Label(name);
        TextField field = boundField(label, id, value, prompt);
        Label problem = errorLabel(error);
        problem.setId(id + "-error");
        grid.addRow(row, label, field, problem);
        return row + 1;
    }

    private static TextField boundField(Label label, String id, StringProperty value, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        label.setLabelFor(field);
        return field;
    }

    /** A path field with a "Browse…" button; the chooser only fills the field, the form judges the file. */
    private int fileField(GridPane grid, ProfileFormViewModel form, int row, String name, String id,
                          StringProperty value, ObservableStringValue error, String prompt, String chooserTitle) {
        Label label = new Label(name);
        TextField field = boundField(label, id, value, prompt);
        Button browse = new Button("Browse…");
        browse.setId(id + "-browse");
        browse.setMinWidth(Button.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(chooserTitle);
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PEM files", "*.pem", "*.crt", "*.key"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            startFolder(value.get()).or(() -> startFolder(form.tlsCaProperty().get()))
                    .ifPresent(chooser::setInitialDirectory);
            File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                value.set(chosen.getAbsolutePath());
            }
        });
        HBox box = new HBox(6, field, browse);
        HBox.setHgrow(field, Priority.ALWAYS);
        Label problem = errorLabel(error);
        problem.setId(id + "-error");
        grid.addRow(row, label, box, problem);
        return row + 1;
    }

    /** The folder of a file already given: the client files usually sit beside the CA. */
    private static Optional<File> startFolder(String text) {
        try {
            Path parent = text == null || text.isBlank() ? null : Path.of(text.strip()).getParent();
            return parent != null && Files.isDirectory(parent) ? Optional.of(parent.toFile()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Label errorLabel(ObservableStringValue error) {
        Label problem = new Label();
        problem.textProperty().bind(error);
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        return problem;
    }
}
