package org.coloconsole.ui.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * One side's card: binds to its view model; colours come from pseudo-classes in colo.css. The title and state stay at
 * the top; the facts below scroll when the card is given less height than they need, so no row is ever cut.
 */
public final class SideCard extends VBox {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private final SideCardViewModel model;
    private final List<Label[]> factLabels = new ArrayList<>();
    private final HBox header;
    private final VBox body;
    private final ScrollPane scroll;

    public SideCard(SideCardViewModel model) {
        this.model = model;
        setId(model.side().label() + "-card");
        getStyleClass().add("side-card");
        pseudoClassStateChanged(PseudoClass.getPseudoClass(model.side().label()), true);
        // tight vertical rhythm: at 1280×800 a card with a long refusal sentence still fits above a usable log
        setSpacing(4);
        setPadding(new Insets(10, 14, 10, 14));
        HBox.setHgrow(this, Priority.ALWAYS);
        setMaxWidth(Double.MAX_VALUE);
        setMinWidth(300);
        setPrefWidth(420); // the same for both cards, so they share the width equally whatever their text

        Label title = new Label();
        title.textProperty().bind(model.titleProperty());
        title.getStyleClass().add("card-title");
        title.setMinWidth(Region.USE_PREF_SIZE); // the host beside it gives way, never the title or the state
        title.setGraphic(new FontIcon(Material2AL.DNS));
        Label state = new Label();
        state.getStyleClass().add("card-state");
        state.setId(model.side().label() + "-state");
        state.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // where it runs and what QEMU calls it, beside the title: where the eye goes, and no row of its own
        Label host = new Label();
        host.setId(model.side().label() + "-host");
        host.textProperty().bind(model.hostProperty());
        host.getStyleClass().add("card-host");
        host.setMinWidth(0);
        Tooltip hostTip = new Tooltip();
        hostTip.textProperty().bind(model.hostProperty());
        host.setTooltip(hostTip);
        CopyMenus.install(host, host::getText, this::factsText);
        HBox header = new HBox(8, title, host, spacer, state);
        header.setAlignment(Pos.CENTER_LEFT);

        Label endpoint = new Label();
        endpoint.textProperty().bind(model.endpointProperty());
        endpoint.getStyleClass().add("card-endpoint");
        // one line, cut at the front: a socket path's end (which monitor) matters more than its directory, and a
        // wrapped path left a lone letter on a line of its own; the whole text is in the tooltip
        endpoint.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        Tooltip endpointTip = new Tooltip();
        endpointTip.textProperty().bind(model.endpointProperty());
        endpoint.setTooltip(endpointTip);

        GridPane facts = new GridPane();
        facts.setHgap(10);
        facts.setVgap(2);
        facts.getStyleClass().add("card-facts");
        int row = 0;
        row = fact(facts, row, "Replication", model.replicationProperty(), "replication");
        row = fact(facts, row, "", model.lastCheckpointProperty(), "last-checkpoint");
        row = fact(facts, row, "Topology", model.topologyProperty(), "topology");
        row = fact(facts, row, "", model.topologyWarningProperty(), "topology-warning");
        row = fact(facts, row, "Service", model.serviceProperty(), "service");
        row = fact(facts, row, "Connection", model.connectionProperty(), "connection");
        row = fact(facts, row, "", model.connectionDetailProperty(), "connection-detail");
        // the version and the schema self-test on one line: the row it frees holds the topology or the service
        row = fact(facts, row, "QEMU", Bindings.createStringBinding(
                () -> model.versionProperty().get() + (model.coloSupportProperty().get().isEmpty() ? ""
                        : " · " + model.coloSupportProperty().get()),
                model.versionProperty(), model.coloSupportProperty()), "version");
        // the verdict and its figures on one line, as the QEMU row: the rows for the topology and the service fit
        row = fact(facts, row, "Heartbeat", Bindings.createStringBinding(
                () -> model.heartbeatProperty().get() + " · " + model.heartbeatDetailProperty().get(),
                model.heartbeatProperty(), model.heartbeatDetailProperty()), "heartbeat");
        row = fact(facts, row, "", model.claimProperty(), "claim");
        row = fact(facts, row, "Run state", model.runStateProperty(), "run-state");
        row = fact(facts, row, "COLO", model.coloProperty(), "colo");
        row = fact(facts, row, "", model.coloDetailProperty(), "colo-detail");
        row = fact(facts, row, "Last exit", model.lastExitProperty(), "last-exit");
        row = fact(facts, row, "", model.exitErrorProperty(), "exit-error");
        row = fact(facts, row, "Migration", model.migrationProperty(), "migration");

        Sparkline sparkline = new Sparkline();
        sparkline.setId(model.side().label() + "-sparkline");
        model.sparklineProperty().addListener((obs, old, now) -> sparkline.setValues(now));
        // a row of the grid rather than a title over a strip: one line less, and it reads like the other facts
        Label sparkName = new Label("Round trips");
        sparkName.getStyleClass().add("fact-name");
        sparkName.setMinWidth(Region.USE_PREF_SIZE);
        sparkName.setTooltip(new Tooltip("Heartbeat round trips of the last minute"));
        sparkline.setMaxWidth(Double.MAX_VALUE);
        Label scale = new Label();
        scale.textProperty().bind(model.sparklineScaleProperty());
        scale.setId(model.side().label() + "-sparkline-scale");
        scale.getStyleClass().add("sparkline-scale");
        scale.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(sparkline, Priority.ALWAYS);
        HBox spark = new HBox(6, sparkline, scale);
        spark.setAlignment(Pos.CENTER_LEFT);
        GridPane.setHgrow(spark, Priority.ALWAYS);
        facts.addRow(row, sparkName, spark);

        Label notice = new Label();
        notice.textProperty().bind(model.noticeProperty());
        notice.getStyleClass().add("card-notice");
        notice.setWrapText(true);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.managedProperty());

        Label staleNote = new Label();
        staleNote.setId(model.side().label() + "-stale-note");
        staleNote.textProperty().bind(model.staleNoteProperty());
        staleNote.getStyleClass().add("card-stale-note");
        staleNote.setWrapText(true);
        staleNote.setMinHeight(Region.USE_PREF_SIZE);
        staleNote.managedProperty().bind(staleNote.textProperty().isNotEmpty());
        staleNote.visibleProperty().bind(staleNote.managedProperty());
        model.staleProperty().addListener((obs, old, now) -> pseudoClassStateChanged(STALE, now));
        pseudoClassStateChanged(STALE, model.staleProperty().get());

        // the header stays put; when the card is shorter than its facts, the facts scroll instead of being cut
        body = new VBox(4, endpoint, staleNote, facts, notice);
        body.getStyleClass().add("card-body-content");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setId(model.side().label() + "-card-scroll");
        scroll.getStyleClass().add("card-body");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.setFocusTraversable(false);
        scroll.setMinHeight(0);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, scroll);
        this.header = header;
        this.scroll = scroll;

        // green when the guest answered, red when it did not: the colour is the view model's, from the domain's verdict
        Label service = (Label) facts.lookup("#" + model.side().label() + "-service");
        Tooltip serviceTip = new Tooltip();
        serviceTip.textProperty().bind(model.serviceProbeProperty());
        service.setTooltip(serviceTip);
        model.serviceToneProperty().addListener((obs, old, now) -> now.applyTo(service));
        model.serviceToneProperty().get().applyTo(service);
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
        v.setId(model.side().label() + "-" + id);
        v.setWrapText(true);
        v.setMaxWidth(Double.MAX_VALUE);
        v.setMinHeight(Region.USE_PREF_SIZE);
        GridPane.setHgrow(v, Priority.ALWAYS);
        if (name.isEmpty() || name.equals("Replication") || name.equals("Topology") || name.equals("Service")) {
            // a continuation line (e.g. the exit's error text), figures a side without COLO does not have, or a
            // topology not read yet, take no room while they have nothing to say
            v.managedProperty().bind(v.textProperty().isNotEmpty());
            v.visibleProperty().bind(v.managedProperty());
            n.managedProperty().bind(v.managedProperty());
        }
        grid.addRow(row, n, v);
        factLabels.add(new Label[] {n, v});
        CopyMenus.install(v, v::getText, this::factsText);
        return row + 1;
    }

    private void showState(Label label, CardState state) {
        for (CardState s : CardState.values()) {
            pseudoClassStateChanged(s.pseudoClass(), s == state);
        }
        label.setText(state.label());
        label.setAccessibleText(model.side().title() + " is " + state.label().toLowerCase(Locale.ROOT));
    }

    /** What an operator pastes into a ticket: the title, the state and every fact shown, one per line. */
    String factsText() {
        StringBuilder text = new StringBuilder(model.titleProperty().get()).append(" (")
                .append(model.hostProperty().get()).append("): ")
                .append(model.stateProperty().get().label()).append('\n').append(model.endpointProperty().get());
        if (!model.staleNoteProperty().get().isEmpty()) {
            text.append('\n').append(model.staleNoteProperty().get());
        }
        for (Label[] fact : factLabels) {
            if (fact[1].isManaged() && !fact[1].getText().isEmpty()) {
                text.append('\n').append(fact[0].getText().isEmpty() ? "  " : fact[0].getText() + ": ")
                        .append(fact[1].getText());
            }
        }
        return text.toString();
    }

    /** The height that shows every row of this card without a scroll bar, at the given width of the card. */
    double neededHeight(double width) {
        Insets insets = getInsets();
        Insets scrollInsets = scroll.getInsets();
        double inner = width - insets.getLeft() - insets.getRight() - scrollInsets.getLeft() - scrollInsets.getRight();
        return insets.getTop() + header.prefHeight(-1) + getSpacing() + scrollInsets.getTop()
                + body.prefHeight(inner) + scrollInsets.getBottom() + insets.getBottom();
    }

    public SideCardViewModel model() {
        return model;
    }
}
