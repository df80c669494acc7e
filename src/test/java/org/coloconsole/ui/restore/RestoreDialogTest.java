package org.coloconsole.ui.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.coloconsole.colo.ReprotectPlan;
import org.coloconsole.colo.Topology;
import org.coloconsole.qmp.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The restore dialog shows the command line the new secondary needs and refuses a monitor that cannot be the new
 * secondary's with a sentence, connecting to nothing.
 */
@ExtendWith(ApplicationExtension.class)
class RestoreDialogTest {
    private static final Endpoint SURVIVOR = new Endpoint.Unix(Path.of("/run/lab/primary-console.sock"));
    private final AtomicInteger connects = new AtomicInteger();
    private RestoreViewModel model;

    @Start
    void start(Stage stage) {
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
        model = new RestoreViewModel(SURVIVOR, ReprotectPlan.expectedSecondary(Topology.empty()), fresh -> {
            connects.incrementAndGet();
            return new CompletableFuture<>();
        }, Runnable::run, Runnable::run);
        new RestoreDialog(stage, model, Optional.empty()).show();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theCommandLineIsThereToCopy(FxRobot robot) {
        TextArea command = robot.lookup("#restore-command-line").queryAs(TextArea.class);
        assertThat(command.getText()).contains("-incoming defer", "id=red0");
        assertThat(command.isEditable()).isFalse();
        assertThat(robot.lookup("#restore-run").queryAs(Button.class).isDisabled()).as("nothing checked yet")
                .isTrue();
    }

    @Test
    void aBadEndpointIsRefusedWithASentenceAndNothingIsConnected(FxRobot robot) {
        robot.clickOn("#restore-endpoint").write("new-host:4444");
        robot.clickOn("#restore-check");
        assertThat(text(robot, "#restore-endpoint-problem")).isEqualTo("The new secondary's monitor is not an "
                + "endpoint: 'new-host:4444': unknown transport 'new-host'; write tcp:HOST:PORT, tls:HOST:PORT or "
                + "unix:/path/to.sock.");

        robot.interact(() -> model.endpointProperty().set(SURVIVOR.text()));
        robot.clickOn("#restore-check");
        assertThat(text(robot, "#restore-endpoint-problem")).isEqualTo("That is the survivor's own monitor ("
                + SURVIVOR.text() + "): give the new secondary's.");
        assertThat(connects).hasValue(0);
        assertThat(robot.lookup("#restore-run").queryAs(Button.class).isDisabled()).isTrue();

        robot.interact(() -> model.endpointProperty().set("unix:/run/lab/secondary-console.sock"));
        assertThat(text(robot, "#restore-endpoint-problem")).as("a new entry clears the old refusal").isEmpty();
        robot.clickOn("#restore-check");
        assertThat(connects).hasValue(1);
        assertThat(model.phaseProperty().get()).isEqualTo(RestoreViewModel.Phase.CHECKING);
    }

    @Test
    void theCheckSentencesKeepTheirLinesAndNeverPushTheButtonsOut(FxRobot robot) {
        robot.clickOn("#restore-endpoint").write("new-host:4444");
        robot.clickOn("#restore-check");
        robot.interact(() -> model.problems().setAll(java.util.Collections.nCopies(6,
                "The new side's QEMU is not the survivor's version: both must run the same QEMU.")));
        robot.interact(() -> { // the layout pass after the sentences arrived, done now rather than awaited
            javafx.scene.Parent pane = robot.lookup("#restore-dialog").queryAs(javafx.scene.Parent.class);
            pane.applyCss();
            pane.layout();
        });
        robot.lookup("#restore-problems .label").queryAllAs(Label.class).forEach(line ->
                assertThat(line.getHeight()).as("a problem keeps its lines").isGreaterThanOrEqualTo(
                        line.prefHeight(line.getWidth()) - 0.5));
        for (String id : new String[] {"#restore-run", "#restore-close"}) {
            Button button = robot.lookup(id).queryAs(Button.class);
            javafx.geometry.Bounds inScene = button.localToScene(button.getBoundsInLocal());
            assertThat(inScene.getMaxY()).as(id + " inside the dialog's window")
                    .isLessThanOrEqualTo(button.getScene().getHeight());
        }
    }

    @Test
    void whileACheckRunsTheMonitorCannotBeChangedNorALabSecondaryStarted(FxRobot robot) {
        robot.interact(() -> model.endpointProperty().set("unix:/run/lab/secondary-console.sock"));
        robot.clickOn("#restore-check");
        assertThat(model.phaseProperty().get()).isEqualTo(RestoreViewModel.Phase.CHECKING);

        // the check's answer will be about this endpoint: the field and Check are disabled until it is in
        assertThat(robot.lookup("#restore-endpoint").queryAs(javafx.scene.control.TextField.class).isDisabled())
                .isTrue();
        assertThat(robot.lookup("#restore-check").queryAs(Button.class).isDisabled()).isTrue();
        AtomicInteger labStarts = new AtomicInteger();
        robot.interact(() -> model.startInLab(() -> {
            labStarts.incrementAndGet();
            return new CompletableFuture<>();
        }));
        assertThat(labStarts).as("a lab start would replace the QEMU being checked").hasValue(0);
        assertThat(model.check()).as("a second check while one runs").isFalse();
        assertThat(connects).hasValue(1);
    }
}
