package org.coloconsole.ui.dashboard;

import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.coloconsole.ui.fx.Tone;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The recommendation across the top of the window, big enough to read from across the room.
 *
 * <p>The verdict and the engine's sentence are always shown in full: they wrap, and the banner grows with them (the
 * window moves the dashboard down, it never draws over the banner). The per-side reasons repeat what the sentence and
 * the cards already say, in more words; they take one line each, cut with an ellipsis, until the operator presses
 * "Details", which wraps each in full. Collapsed lines rather than a box with its own
 * scroll bar: at a glance the operator still sees one line per side, and one click shows every word without hunting
 * for a second scroll bar.
 */
public final class Banner extends VBox {
    private static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");
    private final ToggleButton details;
    private final VBox reasons;

    public Banner(BannerViewModel model) {
        setId("banner");
        getStyleClass().add("banner");
        setSpacing(4);
        setPadding(new Insets(8, 18, 10, 18));
        setMinHeight(Region.USE_PREF_SIZE); // the parent moves what follows down; it must never squeeze the banner

        FontIcon icon = new FontIcon(Material2MZ.WARNING);
        icon.getStyleClass().add("banner-icon");
        Label verdict = new Label();
        verdict.setId("banner-verdict");
        verdict.getStyleClass().add("banner-verdict");
        verdict.textProperty().bind(model.verdictProperty());
        verdict.setGraphic(icon);
        verdict.setGraphicTextGap(14);
        verdict.setWrapText(true);
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        details = detailsToggle(model);
        Label pair = new Label();
        pair.setId("banner-pair");
        pair.getStyleClass().add("banner-pair");
        pair.textProperty().bind(model.pairNameProperty());
        pair.setMinWidth(Region.USE_PREF_SIZE);
        pair.setGraphic(new FontIcon(Material2AL.DEVICE_HUB));
        HBox verdictRow = new HBox(12, verdict, spacer, pair, details);
        verdictRow.setAlignment(Pos.CENTER_LEFT);

        // the sentence across the full width, under the verdict: fewer, longer lines
        Label headline = new Label();
        headline.setId("banner-headline");
        headline.getStyleClass().add("banner-headline");
        headline.textProperty().bind(model.headlineProperty());
        headline.setWrapText(true);
        headline.setMaxWidth(Double.MAX_VALUE);
        headline.setMinHeight(Region.USE_PREF_SIZE);

        Label figures = new Label();
        figures.setId("banner-replication");
        figures.getStyleClass().add("banner-replication");
        figures.textProperty().bind(model.replicationProperty());
        figures.managedProperty().bind(figures.textProperty().isNotEmpty());
        figures.visibleProperty().bind(figures.managedProperty());

        reasons = new VBox(1);
        reasons.setId("banner-reasons");
        reasons.getStyleClass().add("banner-reasons");
        reasons.managedProperty().bind(model.hasReasonsProperty());
        reasons.visibleProperty().bind(reasons.managedProperty());
        model.reasonLines().addListener((ListChangeListener<String>) change -> showReasons(reasons, model));
        showReasons(reasons, model);

        HBox countdown = countdownRow(model);

        HBox actions = actionsRow(model);

        getChildren().addAll(verdictRow, countdown, headline, actions, figures, reasons);
        for (Label copyable : new Label[] {verdict, headline, figures}) {
            CopyMenus.install(copyable, copyable::getText, model::asText);
        }
        verdict.accessibleTextProperty().bind(model.verdictProperty().concat(": ").concat(model.headlineProperty()));
        model.criticalProperty().addListener((obs, old, now) -> pseudoClassStateChanged(CRITICAL, now));
        pseudoClassStateChanged(CRITICAL, model.criticalProperty().get());
        model.toneProperty().addListener((obs, old, now) -> show(icon, now));
        show(icon, model.toneProperty().get());
    }

    /** "Promoting the secondary in 2 s — Cancel": shown only while the automatic failover counts down or acts. */
    private static HBox countdownRow(BannerViewModel model) {
        Label text = new Label();
        text.setId("banner-countdown");
        text.getStyleClass().add("banner-countdown");
        text.textProperty().bind(model.countdownProperty());
        Label dash = new Label("—");
        dash.visibleProperty().bind(model.cancellableProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("banner-countdown-cancel");
        cancel.setOnAction(e -> model.cancelAutoFailover());
        cancel.visibleProperty().bind(model.cancellableProperty());
        cancel.managedProperty().bind(model.cancellableProperty());
        dash.managedProperty().bind(model.cancellableProperty());
        cancel.setTooltip(new Tooltip("Stop the automatic failover; it stays disarmed until re-armed"));
        HBox row = new HBox(8, text, dash, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.managedProperty().bind(model.countdownProperty().isNotEmpty());
        row.visibleProperty().bind(row.managedProperty());
        return row;
    }

    /**
     * What the operator can do from the banner besides a failover: restore protection while the domain says it can be
     * restored, re-arm the automatic failover while the policy waits for it. Shown only when one of them is offered.
     */
    private static HBox actionsRow(BannerViewModel model) {
        Button restore = new Button("Restore protection…",
                new FontIcon(Material2MZ.SECURITY));
        restore.setId("banner-restore");
        restore.setOnAction(e -> model.restoreProtection());
        restore.setTooltip(new Tooltip("Bring COLO back onto a new secondary started with -incoming defer"));
        restore.visibleProperty().bind(model.restorableProperty());
        restore.managedProperty().bind(model.restorableProperty());
        Button rearm = new Button("Re-arm automatic failover",
                new FontIcon(Material2AL.AUTORENEW));
        rearm.setId("banner-rearm");
        rearm.setOnAction(e -> model.rearmAutoFailover());
        rearm.setTooltip(new Tooltip("Let the automatic failover act again (journaled)"));
        rearm.visibleProperty().bind(model.rearmableProperty());
        rearm.managedProperty().bind(model.rearmableProperty());
        HBox row = new HBox(8, restore, rearm);
        row.setAlignment(Pos.CENTER_LEFT);
        row.managedProperty().bind(model.restorableProperty().or(model.rearmableProperty()));
        row.visibleProperty().bind(row.managedProperty());
        return row;
    }

    private static ToggleButton detailsToggle(BannerViewModel model) {
        ToggleButton details = new ToggleButton("Details");
        details.setId("banner-details");
        details.getStyleClass().add("banner-details");
        details.setMnemonicParsing(false);
        details.setMinWidth(Region.USE_PREF_SIZE);
        details.selectedProperty().bindBidirectional(model.detailsShownProperty());
        FontIcon chevron = new FontIcon(details.isSelected() ? Material2AL.EXPAND_LESS : Material2AL.EXPAND_MORE);
        details.selectedProperty().addListener((obs, old, now) ->
                chevron.setIconCode(now ? Material2AL.EXPAND_LESS : Material2AL.EXPAND_MORE));
        details.setGraphic(chevron);
        details.setContentDisplay(ContentDisplay.RIGHT);
        details.setTooltip(new Tooltip("Show or fold each side's reasons in full"));
        // it keeps its place on the verdict's row; shown only when there is something to unfold (see layoutChildren)
        details.setVisible(false);
        return details;
    }

    private static void showReasons(VBox box, BannerViewModel model) {
        box.getChildren().clear();
        int i = 0;
        for (String reason : model.reasonLines()) {
            Label line = new Label(reason);
            CopyMenus.install(line, line::getText, model::asText);
            line.setId("banner-reason-" + i++);
            line.getStyleClass().add("banner-reason");
            line.setMaxWidth(Double.MAX_VALUE);
            line.setTextOverrun(OverrunStyle.ELLIPSIS);
            line.wrapTextProperty().bind(model.detailsShownProperty());
            line.setMinHeight(Region.USE_PREF_SIZE);
            box.getChildren().add(line);
        }
    }

    /** "Details" is offered when a reason is cut at this width, and stays while the reasons are unfolded. */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        // the lines are laid out after this, so their own widths may be stale: every line gets the box's width
        double room = reasons.getWidth() - reasons.snappedLeftInset() - reasons.snappedRightInset();
        boolean cut = false;
        for (Node n : reasons.getChildren()) {
            Label line = (Label) n;
            cut |= !line.isWrapText() && line.prefWidth(-1) > room + 0.5;
        }
        details.setVisible(details.isSelected() || (reasons.isVisible() && cut));
    }

    private void show(FontIcon icon, Tone tone) {
        for (Tone t : Tone.values()) {
            pseudoClassStateChanged(t.pseudoClass(), t == tone);
        }
        icon.setIconCode(tone == Tone.OK ? Material2MZ.VERIFIED_USER
                : tone == Tone.FAIL ? Material2AL.ERROR : Material2MZ.WARNING);
    }
}
