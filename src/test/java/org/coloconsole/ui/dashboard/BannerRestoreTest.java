package org.coloconsole.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.coloconsole.colo.AutoFailoverDecision;
import org.coloconsole.colo.ColoExitReason;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The banner offers "Restore protection…" only while the domain says protection can be restored (a side runs alone
 * after a failover and serves), and "Re-arm automatic failover" only while the policy says it is disarmed.
 */
@ExtendWith(ApplicationExtension.class)
class BannerRestoreTest {
    private final BannerViewModel model = new BannerViewModel("lab");
    private final AtomicInteger restores = new AtomicInteger();
    private final AtomicInteger rearms = new AtomicInteger();

    @Start
    void start(Stage stage) {
        model.onRestore(restores::incrementAndGet);
        model.onRearm(rearms::incrementAndGet);
        stage.setScene(new Scene(new Banner(model), 900, 300));
        stage.show();
    }

    /** The secondary took over (COLO_EXIT on request, then polled: mode none) and runs; the primary is gone. */
    private static PairSnapshot secondaryAloneAfterFailover() {
        return Snapshots.replicating().lost(Side.PRIMARY).exited(Side.SECONDARY, "request", Optional.empty())
                .apply(new Observation.ColoStatusPolled(Side.SECONDARY, Snapshots.NOW, Tag.of(ColoMode.class, "none"),
                        Optional.of(Tag.of(ColoMode.class, "secondary")), Tag.of(ColoExitReason.class, "request")))
                .recommendedByTheEngine();
    }

    private static boolean shown(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node.isVisible() && node.isManaged() && node.getParent().isVisible();
    }

    @Test
    void restoreIsOfferedAfterAFailoverAndNotOnAProtectedOrFailingPair(FxRobot robot) {
        robot.interact(() -> model.update(Snapshots.protectedPair()));
        assertThat(shown(robot, "#banner-restore")).isFalse();

        robot.interact(() -> model.update(Snapshots.primaryKilled()));
        assertThat(shown(robot, "#banner-restore")).as("the primary is lost: a failover, not a restore").isFalse();

        robot.interact(() -> model.update(secondaryAloneAfterFailover()));
        assertThat(shown(robot, "#banner-restore")).isTrue();
        robot.clickOn("#banner-restore");
        assertThat(restores).hasValue(1);

        robot.interact(() -> model.update(Snapshots.protectedPair()));
        assertThat(shown(robot, "#banner-restore")).as("protected again").isFalse();
    }

    @Test
    void reArmIsOfferedOnlyWhileThePolicyIsDisarmed(FxRobot robot) {
        robot.interact(() -> model.showAutoFailover(new AutoFailoverDecision(AutoFailoverDecision.Kind.HOLD,
                Optional.empty(), Duration.ZERO, List.of("nothing to do"))));
        assertThat(shown(robot, "#banner-rearm")).isFalse();

        robot.interact(() -> model.showAutoFailover(new AutoFailoverDecision(AutoFailoverDecision.Kind.DISARMED,
                Optional.empty(), Duration.ZERO, List.of("acted once"))));
        assertThat(shown(robot, "#banner-rearm")).isTrue();
        robot.clickOn("#banner-rearm");
        assertThat(rearms).hasValue(1);
    }
}
