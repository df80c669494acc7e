package org.coloconsole.ui.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The dialog's TLS fields and insecure tick, headless: they edit the form, and its sentences show beside them. */
@ExtendWith(ApplicationExtension.class)
class ProfileDialogTest {
    @TempDir
    Path dir;

    private final ProfileFormViewModel form = new ProfileFormViewModel();
    private ProfileDialog dialog;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
        dialog = new ProfileDialog(stage, form);
        dialog.show();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    @Test
    void tlsFieldsAndTheInsecureTickDriveTheFormAndShowItsSentences(FxRobot robot) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca-cert.pem"), "-----BEGIN CERTIFICATE-----\n");
        Button connect = (Button) dialog.getDialogPane().lookupButton(ProfileDialog.CONNECT);
        robot.interact(() -> {
            robot.lookup("#profile-name").queryAs(TextField.class).setText("remote");
            robot.lookup("#profile-primary").queryAs(TextField.class).setText("tls:10.0.0.1:4444");
            robot.lookup("#profile-secondary").queryAs(TextField.class).setText("tcp:10.0.0.2:4444");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "profile-tls-ca-error")).startsWith("tls:10.0.0.1:4444 needs the CA");
        assertThat(text(robot, "profile-secondary-error")).startsWith("tcp:10.0.0.2:4444 is not a loopback address");
        assertThat(connect.isDisabled()).isTrue();
        assertThat(robot.lookup("#profile-tls-ca-browse").tryQuery()).isPresent();
        assertThat(text(robot, "profile-insecure-warning")).contains("controls the VM");

        robot.interact(() -> {
            robot.lookup("#profile-tls-ca").queryAs(TextField.class).setText(ca.toString());
            robot.lookup("#profile-allow-insecure").queryAs(CheckBox.class).setSelected(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(form.tlsCaProperty().get()).isEqualTo(ca.toString());
        assertThat(form.allowInsecureProperty().get()).isTrue();
        assertThat(text(robot, "profile-tls-ca-error")).isEmpty();
        assertThat(text(robot, "profile-secondary-error")).isEmpty();
        assertThat(connect.isDisabled()).isFalse();
        robot.interact(dialog::close);
    }
}
