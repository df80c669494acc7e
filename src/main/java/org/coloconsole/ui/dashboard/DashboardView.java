package org.coloconsole.ui.dashboard;

import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.layout.HBox;

/** The two side cards and the failover panel, side by side. */
public final class DashboardView extends HBox {

    public DashboardView(DashboardModel model,
                         Function<Confirmation, Optional<ConfirmFailoverDialog.Answer>> confirm) {
        setId("dashboard");
        getStyleClass().add("dashboard");
        setSpacing(12);
        setPadding(new Insets(12));
        getChildren().addAll(new SideCard(model.primary()), new SideCard(model.secondary()),
                new FailoverPanel(model.failover(), confirm));
    }
}
