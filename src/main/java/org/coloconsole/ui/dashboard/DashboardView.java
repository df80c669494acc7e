package org.coloconsole.ui.dashboard;

import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.layout.HBox;

/** The two side cards and the failover panel, side by side. */
public final class DashboardView extends HBox {
    /** Enough for the cards' titles and states and both failover buttons: below that the window would hide them. */
    static final double MIN_HEIGHT = 190;

    private final SideCard primary;
    private final SideCard secondary;
    private final FailoverPanel failover;

    public DashboardView(DashboardModel model,
                         Function<Confirmation, Optional<ConfirmFailoverDialog.Answer>> confirm) {
        setId("dashboard");
        getStyleClass().add("dashboard");
        setSpacing(12);
        setPadding(new Insets(8, 12, 8, 12));
        setMinHeight(MIN_HEIGHT);
        primary = new SideCard(model.primary());
        secondary = new SideCard(model.secondary());
        failover = new FailoverPanel(model.failover(), confirm);
        getChildren().addAll(primary, secondary, failover);
    }

    public FailoverPanel failoverPanel() {
        return failover;
    }

    /**
     * The height at which every row of both cards shows without a scroll bar, at the cards' present widths (the
     * height does not change them); 0 before the first layout, when there are no widths yet.
     */
    double neededHeight() {
        if (primary.getWidth() <= 0 || secondary.getWidth() <= 0) {
            return 0;
        }
        double cards = Math.max(primary.neededHeight(primary.getWidth()),
                secondary.neededHeight(secondary.getWidth()));
        double tallest = Math.max(cards, failover.neededHeight());
        return snapSizeY(getInsets().getTop() + tallest + getInsets().getBottom());
    }
}
