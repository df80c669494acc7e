package org.coloconsole.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/**
 * Light or dark: AtlantaFX's Primer theme for the controls, plus the console's own sheet whose semantic colours
 * ({@code -colo-ok}, {@code -colo-warn}, {@code -colo-fail}) follow the {@code :dark} pseudo-class on the root.
 */
public final class Theme {
    static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    static final String STYLESHEET = "/org/coloconsole/ui/colo.css";

    private final BooleanProperty dark = new SimpleBooleanProperty();

    public Theme(boolean startDark) {
        dark.set(startDark);
    }

    /** Applies the theme to the scene now and whenever it is toggled. */
    public void install(Scene scene) {
        String sheet = Theme.class.getResource(STYLESHEET).toExternalForm();
        scene.getStylesheets().add(sheet);
        apply(scene, dark.get());
        dark.addListener((obs, old, now) -> apply(scene, now));
    }

    private static void apply(Scene scene, boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK, dark);
        }
    }

    public BooleanProperty darkProperty() {
        return dark;
    }
}
