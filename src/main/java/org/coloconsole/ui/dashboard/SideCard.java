package org.coloconsole.ui.dashboard;

import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** One side's card: binds to its view model; colours come from pseudo-classes in colo.css. */
public final class SideCard extends VBox {
    private final SideCardViewModel model;

    public SideCard(SideCardViewModel model) {
        this.model = model;
        setId(model.side() + "-card");
        getStyleClass().add("side-card");
        pseudoClassStateChanged(PseudoClass.getPseudoClass(model.side()), true);
        setSpacing(6);
        setPadding(new Insets(12, 14, 12, 14));
        HBox.setHgrow(this, Priority.ALWAYS);
        setMaxWidth(Double.MAX_VALUE);
        setMinWidth(300);
        setPrefWidth(420); // the same for both cards, so they share the width equally whatever their text

        Label title = new Label();
        title.textProperty().bind(model.titleProperty());
        title.getStyleClass().add("card-title");
        title.setGraphic(new FontIcon(Material2AL.DNS));
        Label state = new Label();
        state.getStyleClass().add("card-state");
        state.setId(model.side() + "-state");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, state);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label endpoint = new Label();
        endpoint.textProperty().bind(model.endpointProperty());
        endpoint.getStyleClass().add("card-endpoint");
        endpoint.setWrapText(true);
        endpoint.setMinHeight(Region.USE_PREF_SIZE);

        GridPane facts = new GridPane();
        facts.setHgap(10);
        facts.setVgap(3);
        facts.getStyleClass().add("card-facts");
        int row = 0;
        row = fact(facts, row, "Connection", model.connectionProperty(), "connection");
        row = fact(facts, row, "", model.connectionDetailProperty(), "connection-detail");
        row = fact(facts, row, "QEMU", model.versionProperty(), "version");
        row = fact(facts, row, "Heartbeat", model.heartbeatProperty(), "heartbeat");
        row = fact(facts, row, "", model.heartbeatDetailProperty(), "heartbeat-detail");
        row = fact(facts, row, "Run state", model.runStateProperty(), "run-state");
        row = fact(facts, row, "COLO", model.coloProperty(), "colo");
        row = fact(facts, row, "", model.coloDetailProperty(), "colo-detail");
        row = fact(facts, row, "Last exit", model.lastExitProperty(), "last-exit");
        row = fact(facts, row, "", model.exitErrorProperty(), "exit-error");
        fact(facts, row, "Migration", model.migrationProperty(), "migration");

        Sparkline sparkline = new Sparkline();
        model.sparklineProperty().addListener((obs, old, now) -> sparkline.setValues(now));
        Label sparkTitle = new Label("Round trips, last minute");
        sparkTitle.getStyleClass().add("fact-name");

        Label notice = new Label();
        notice.textProperty().bind(model.noticeProperty());
        notice.getStyleClass().add("card-notice");
        notice.setWrapText(true);
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.managedProperty());

        getChildren().addAll(header, endpoint, facts, sparkTitle, sparkline, notice);

        model.stateProperty().addListener((obs, old, now) -> showState(state, now));
        showState(state, model.stateProperty().get());
    }

    private int fact(GridPane grid, int row, String name, ObservableStringValue value, String id) {
        Label n = new Label(name);
        n.getStyleClass().add("fact-name");
        n.setMinWidth(Region.USE_PREF_SIZE); // the names must never be cut; the values wrap instead
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().add("fact-value");
        v.setId(model.side() + "-" + id);
        v.setWrapText(true);
        v.setMaxWidth(Double.MAX_VALUE);
        v.setMinHeight(Region.USE_PREF_SIZE);
        GridPane.setHgrow(v, Priority.ALWAYS);
        if (name.isEmpty()) {
            // a continuation line (e.g. the exit's error text) takes no room while it has nothing to say
            v.managedProperty().bind(v.textProperty().isNotEmpty());
            v.visibleProperty().bind(v.managedProperty());
            n.managedProperty().bind(v.managedProperty());
        }
        grid.addRow(row, n, v);
        return row + 1;
    }

    private void showState(Label label, CardState state) {
        for (CardState s : CardState.values()) {
            pseudoClassStateChanged(s.pseudoClass(), s == state);
        }
        label.setText(state.name());
    }

    public SideCardViewModel model() {
        return model;
    }
}
