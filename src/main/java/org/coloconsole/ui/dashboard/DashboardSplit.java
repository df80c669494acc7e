package org.coloconsole.ui.dashboard;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.control.SplitPane;

/**
 * The dashboard above, the log below. Until the operator drags the divider, the dashboard gets the height its cards
 * need to show every row, and the log keeps at least {@link #LOG_MIN_HEIGHT} (its filters and a few rows); once the
 * operator has placed the divider, it stays where they put it and the cards scroll when they need more.
 */
public final class DashboardSplit extends SplitPane {
    /** The log's tabs, filter bar, column headers and a few rows. */
    static final double LOG_MIN_HEIGHT = 190;

    private final DashboardView dashboard;
    private boolean placedByOperator;

    public DashboardSplit(DashboardView dashboard, Node lower) {
        super(dashboard, lower);
        this.dashboard = dashboard;
        setId("dashboard-split");
        setOrientation(Orientation.VERTICAL);
        // a taller or shorter window changes the log's height, not the cards'
        SplitPane.setResizableWithParent(dashboard, false);
        if (lower instanceof Region region) {
            region.setMinHeight(LOG_MIN_HEIGHT);
        }
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (onDivider(e.getPickResult().getIntersectedNode())) {
                placedByOperator = true;
            }
        });
    }

    /** This split's own divider: the log has a split of its own, whose divider is none of this one's business. */
    private boolean onDivider(Node node) {
        for (Node n = node; n != null && n != this; n = n.getParent()) {
            if (isOwnDivider(n)) {
                return true;
            }
        }
        return false;
    }

    private boolean isOwnDivider(Node n) {
        return n.getParent() == this && n.getStyleClass().contains("split-pane-divider");
    }

    /*
     * Every layout pass measures the cards again (about 90 µs): skipping passes in which the dashboard's layout flag
     * looked clean missed cards that had grown (a card's change does not always mark this split for layout).
     */
    @Override
    protected void layoutChildren() {
        if (!placedByOperator) {
            fitDashboard();
        }
        super.layoutChildren();
    }

    private void fitDashboard() {
        double total = getHeight() - snappedTopInset() - snappedBottomInset();
        double need = dashboard.neededHeight();
        if (total <= 0 || need <= 0) {
            return;
        }
        double divider = dividerThickness();
        double room = total - divider - LOG_MIN_HEIGHT;
        double height = Math.max(Math.min(need, room), DashboardView.MIN_HEIGHT);
        // the skin puts the divider's top edge at position × (height − divider thickness)
        double position = Math.min(1, height / (total - divider));
        if (Math.abs(position - getDividerPositions()[0]) * total >= 0.5) {
            setDividerPosition(0, position);
        }
    }

    private double dividerThickness() {
        for (Node n : getChildrenUnmodifiable()) {
            if (isOwnDivider(n) && n instanceof Region region) {
                return region.getHeight();
            }
        }
        return 0;
    }

    /** Puts the divider where the operator left it in an earlier run; from then on it stays there. */
    public void placeAt(double position) {
        placedByOperator = true;
        setDividerPosition(0, position);
    }

    /** True once the operator has dragged the divider: from then on the dashboard keeps the height they gave it. */
    public boolean placedByOperator() {
        return placedByOperator;
    }
}
