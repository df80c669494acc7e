package org.coloconsole.ui.dashboard;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The recommendation across the top of the window, big enough to read from across the room. */
public final class Banner extends HBox {

    public Banner(BannerViewModel model) {
        setId("banner");
        getStyleClass().add("banner");
        setSpacing(18);
        setPadding(new Insets(10, 18, 10, 18));
        setAlignment(Pos.CENTER_LEFT);

        FontIcon icon = new FontIcon(Material2MZ.WARNING);
        icon.getStyleClass().add("banner-icon");
        Label verdict = new Label();
        verdict.setId("banner-verdict");
        verdict.getStyleClass().add("banner-verdict");
        verdict.textProperty().bind(model.verdictProperty());
        verdict.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

        Label headline = new Label();
        headline.setId("banner-headline");
        headline.getStyleClass().add("banner-headline");
        headline.textProperty().bind(model.headlineProperty());
        headline.setWrapText(true);
        Label reasons = new Label();
        reasons.setId("banner-reasons");
        reasons.getStyleClass().add("banner-reasons");
        reasons.textProperty().bind(model.reasonsProperty());
        reasons.setWrapText(true);
        reasons.managedProperty().bind(reasons.textProperty().isNotEmpty());
        reasons.visibleProperty().bind(reasons.managedProperty());
        // the verdict on its own line and the sentence across the full width: fewer, longer lines
        VBox text = new VBox(4, verdict, headline, reasons);
        HBox.setHgrow(text, Priority.ALWAYS);

        getChildren().addAll(icon, text);
        model.toneProperty().addListener((obs, old, now) -> show(icon, now));
        show(icon, model.toneProperty().get());
    }

    private void show(FontIcon icon, Tone tone) {
        for (Tone t : Tone.values()) {
            pseudoClassStateChanged(t.pseudoClass(), t == tone);
        }
        icon.setIconCode(tone == Tone.OK ? Material2MZ.VERIFIED_USER
                : tone == Tone.FAIL ? Material2AL.ERROR : Material2MZ.WARNING);
    }
}
