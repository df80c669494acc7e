package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.coloconsole.colo.FailoverStep;
import org.coloconsole.colo.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A full pair's plan has ten steps and more (assets/screenshots/16-fullpair-confirm.png): however many, the confirm
 * dialog's tick and button stay on the screen, and the steps scroll instead.
 */
@ExtendWith(ApplicationExtension.class)
class ConfirmDialogFitsTest {
    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 400, 300));
        stage.show();
    }

    @Test
    void theButtonOfATwentyStepPlanIsOnTheScreen(FxRobot robot) {
        List<FailoverStep> steps = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            steps.add(new FailoverStep(FailoverStep.Kind.DELETE_OBJECT, Side.PRIMARY, "object-del", Map.of("id", "o" + i),
                    false, "Delete o" + i + ": take it out of the primary's packet path, so that nothing of COLO "
                    + "is left behind on the survivor."));
        }
        Confirmation c = new Confirmation(Side.PRIMARY, "Pair lab: continue on the primary?", steps,
                "The secondary is gone.", false, "");
        robot.interact(() -> new ConfirmFailoverDialog(owner, c).show());
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#confirm-failover-button").tryQuery().isPresent());
        javafx.geometry.Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        javafx.stage.Window dialog = robot.lookup("#confirm-failover").query().getScene().getWindow();
        assertThat(dialog.getHeight()).as("the dialog's height on a %s-pixel screen", screen.getHeight())
                .isLessThanOrEqualTo(screen.getHeight());
        for (String id : List.of("#confirm-failover-button", "#confirm-agree")) {
            Node node = robot.lookup(id).query();
            Bounds onScreen = node.localToScreen(node.getBoundsInLocal());
            assertThat(onScreen.getMaxY()).as(id + " inside the dialog")
                    .isLessThanOrEqualTo(dialog.getY() + dialog.getHeight());
        }
        robot.interact(() -> ((Stage) robot.lookup("#confirm-failover").query().getScene().getWindow()).close());
    }
}
