package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.colo.ConnectFailure;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Recommendation;
import org.coloconsole.colo.Side;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.ui.dashboard.DashboardSplit;
import org.coloconsole.ui.dashboard.ScriptedFailoverPort;
import org.coloconsole.ui.dashboard.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window at the sizes operators run it (1280×800, 1024×768) with the longest texts the engine writes today (a
 * refused TLS handshake on one side, a refused connection on the other): nothing overlaps, nothing is cut.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardLayoutTest {
    /** The qmp layer's sentence for a TLS handshake refused by the console. */
    private static final String UNTRUSTED = "refused tls:127.0.0.1:37717: the server's certificate is not signed by the"
            + " CA in /tmp/tlsref.jkks/trusted-cert.pem: give the CA file that signed QEMU's server certificate.";
    /**
     * A headline as long as the longest the engine has given (neither side answering, each with its full refusal):
     * a layout fixture, not the engine's words, which the refused pair below takes from the engine itself.
     */
    private static final String LONG_HEADLINE = "Neither side answers: primary lost 6.6 s ago (refused tls:127.0.0.1:37717:"
            + " the server's certificate is not signed by the CA in /tmp/tlsref.jkks/trusted-cert.pem: give the CA"
            + " file that signed QEMU's server certificate.), secondary lost 6.9 s ago (connection refused: the"
            + " process is gone). The console cannot tell where the VM runs.";

    @TempDir
    static Path dir;

    private FakeSession session;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        session = new FakeSession(refusedPair(), new ScriptedFailoverPort());
        PairEndpoints pair = new PairEndpoints(Endpoint.parse("tls:127.0.0.1:37717"),
                Endpoint.parse("tcp:127.0.0.1:46093"));
        ConsoleContext context = new ConsoleContext(Optional.of(pair), (name, p, hb, options) -> session,
                () -> { throw new IllegalStateException("no lab in this test"); },
                new ProfileStore(dir.resolve("profiles.json")), Clock.systemUTC(), ZoneOffset.UTC, false);
        ConsoleApp.show(stage, context);
    }

    /** The primary refuses the TLS handshake, the secondary is gone: the engine's own state and recommendation. */
    private static Snapshots refused() {
        return Snapshots.unconnected("tls:127.0.0.1:37717", "tcp:127.0.0.1:46093")
                .connectFailed(Side.PRIMARY, ConnectFailure.REJECTED, UNTRUSTED)
                .connectFailed(Side.SECONDARY, ConnectFailure.REFUSED, "Connection refused.");
    }

    private static PairSnapshot refusedPair() {
        return refused().recommendedByTheEngine();
    }

    /** The same state under the longest headline. */
    private static PairSnapshot refusedPairWithALongHeadline() {
        PairSnapshot engine = refusedPair();
        Recommendation r = engine.recommendation();
        return refused().advising(new Recommendation(r.kind(), r.target(), LONG_HEADLINE, r.reasons(),
                r.needsFencingAcknowledgement()));
    }

    @Test
    void at1280x800TheBannerIsWholeAndTheCardsShowEveryRowAboveAUsableLog(FxRobot robot) {
        resize(1280, 800);

        assertBannerWholeAndAboveTheDashboard(robot);
        assertThat(overflow(robot, "#primary-card-scroll")).as("rows of the primary card out of sight").isZero();
        assertThat(overflow(robot, "#secondary-card-scroll")).as("rows of the secondary card out of sight").isZero();
        assertThat(robot.lookup("#lower-tabs").queryAs(Region.class).getHeight()).isGreaterThanOrEqualTo(180);
    }

    @Test
    void whenANewStateMakesTheCardsTallerTheDashboardGrowsWithoutAResize(FxRobot robot) {
        session.push(Snapshots.protectedPair());
        resize(1280, 800);
        double before = robot.lookup("#dashboard").queryAs(Region.class).getHeight();

        session.push(refusedPair()); // a five-line refusal on the primary card, a taller banner

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(robot.lookup("#dashboard").queryAs(Region.class).getHeight()).isGreaterThan(before);
            assertThat(overflow(robot, "#primary-card-scroll")).as("rows of the primary card out of sight").isZero();
            assertBannerWholeAndAboveTheDashboard(robot);
        });
    }

    @Test
    void at1024x768TheBannerIsWholeAndACardTooTallForTheWindowScrolls(FxRobot robot) {
        session.push(refusedPairWithALongHeadline());
        resize(1024, 768);

        assertBannerWholeAndAboveTheDashboard(robot);
        ScrollPane primary = robot.lookup("#primary-card-scroll").queryAs(ScrollPane.class);
        assertThat(overflow(robot, "#primary-card-scroll")).as("this window is too small for the whole card")
                .isPositive();
        // the rows out of sight are reachable: scrolling to the end shows the last one whole
        WaitForAsyncUtils.asyncFx(() -> primary.setVvalue(primary.getVmax()));
        WaitForAsyncUtils.waitForFxEvents();
        assertFullyInside(robot.lookup("#primary-sparkline").query(), primary);
        assertFullyInside(robot.lookup("#promote-secondary").query(), robot.lookup("#dashboard").query());
        assertThat(robot.lookup("#lower-tabs").queryAs(Region.class).getHeight()).isGreaterThanOrEqualTo(180);
    }

    @Test
    void theReasonsTakeOneLineEachUntilDetailsWrapsThemAndTheDashboardMovesDown(FxRobot robot) {
        resize(1280, 800);
        Label first = robot.lookup("#banner-reason-0").queryAs(Label.class);
        double oneLine = first.getHeight();
        double dashboardTop = top(robot.lookup("#dashboard").query());
        assertThat(first.getText()).isEqualTo(refusedPair().recommendation().reasons().get(0));
        assertThat(first.isWrapText()).isFalse();

        robot.clickOn("#banner-details");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#banner-details").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(first.getHeight()).as("the long reason wrapped over several lines").isGreaterThan(1.5 * oneLine);
        assertThat(top(robot.lookup("#dashboard").query())).isGreaterThan(dashboardTop);
        assertBannerWholeAndAboveTheDashboard(robot);

        session.push(refusedPair());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#banner-details").queryAs(ToggleButton.class).isSelected())
                .as("a new snapshot keeps the operator's choice").isTrue();
    }

    @Test
    void detailsIsOfferedOnlyWhenAReasonIsCut(FxRobot robot) {
        resize(1280, 800);
        ToggleButton details = robot.lookup("#banner-details").queryAs(ToggleButton.class);
        assertThat(details.isVisible()).as("the TLS reason is longer than the window is wide").isTrue();

        session.push(Snapshots.protectedPair()); // reasons "reason one", "reason two"
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#banner-reason-0").queryAs(Label.class).getText()).isEqualTo("reason one");
        assertThat(details.isVisible()).isFalse();
    }

    @Test
    void onceTheOperatorDragsTheDividerTheDashboardKeepsTheHeightTheyGaveIt(FxRobot robot) {
        resize(1280, 800);
        Region dashboard = robot.lookup("#dashboard").queryAs(Region.class);
        double fitted = dashboard.getHeight();
        Node divider = robot.lookup("#dashboard-split > .split-pane-divider").query();

        robot.drag(divider).moveBy(0, -120).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double dragged = dashboard.getHeight();
        session.push(refusedPairWithALongHeadline()); // a taller banner, taller cards: the fitting would move the divider
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dragged).isLessThan(fitted - 60);
        assertThat(robot.lookup("#dashboard-split").queryAs(DashboardSplit.class).placedByOperator()).isTrue();
        assertThat(dashboard.getHeight()).isCloseTo(dragged, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void whenAFailoverStartsTheDashboardMakesRoomForEveryStepOfTheRunbook(FxRobot robot) {
        session.push(Snapshots.primaryKilled());
        resize(1280, 800);
        Region dashboard = robot.lookup("#dashboard").queryAs(Region.class);
        double before = dashboard.getHeight();

        robot.clickOn("#promote-secondary");
        robot.clickOn("#confirm-agree").clickOn("#confirm-failover-button");

        ListView<?> runbook = robot.lookup("#runbook-steps").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(runbook.getItems()).hasSize(3);
            assertThat(dashboard.getHeight()).as("the dashboard grew for the steps").isGreaterThan(before);
            List<Node> cells = robot.lookup("#runbook-steps .list-cell").queryAll().stream()
                    .filter(n -> n instanceof ListCell<?> cell && cell.getItem() != null).toList();
            assertThat(cells).hasSize(3).allSatisfy(cell -> assertFullyInside(cell, runbook));
        });
    }

    private void resize(double width, double height) {
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // the divider follows the cards' need in the next pulse or two: wait until the layout holds still
        double[] last = {-1};
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            double now = stage.getScene().lookup("#dashboard") instanceof Region r ? r.getHeight() : -1;
            boolean still = now == last[0] && now > 0;
            last[0] = now;
            return still;
        });
    }

    private static void assertBannerWholeAndAboveTheDashboard(FxRobot robot) {
        for (String id : new String[] {"#banner-verdict", "#banner-headline"}) {
            Label label = robot.lookup(id).queryAs(Label.class);
            assertThat(label.getHeight()).as(id + " shown in full")
                    .isGreaterThanOrEqualTo(label.prefHeight(label.getWidth()) - 0.5);
        }
        Bounds banner = robot.lookup("#banner").query().localToScene(
                robot.lookup("#banner").query().getLayoutBounds());
        Node dashboard = robot.lookup("#dashboard").query();
        assertThat(top(dashboard)).as("the dashboard starts below the banner").isGreaterThanOrEqualTo(banner.getMaxY());
    }

    private static double top(Node node) {
        return node.localToScene(node.getLayoutBounds()).getMinY();
    }

    /** How much of the card's facts lie below its visible part. */
    private static double overflow(FxRobot robot, String scrollId) {
        ScrollPane scroll = robot.lookup(scrollId).queryAs(ScrollPane.class);
        Region content = (Region) scroll.getContent();
        return Math.max(0, content.getHeight() - scroll.getViewportBounds().getHeight());
    }

    private static void assertFullyInside(Node node, Node container) {
        Bounds inner = node.localToScene(node.getLayoutBounds());
        Bounds outer = container.localToScene(container.getLayoutBounds());
        assertThat(outer.contains(inner)).as(node.getId() + " " + inner + " inside " + outer).isTrue();
    }
}
