package org.coloconsole.ui.dashboard;

import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/** The round trips of the last minute as a small line, scaled to the largest value shown. */
final class Sparkline extends Region {
    private final Polyline line = new Polyline();
    private List<Double> values = List.of();

    Sparkline() {
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        getChildren().add(line);
        setMinHeight(28);
        setPrefHeight(28);
        setPrefWidth(160);
    }

    void setValues(List<Double> values) {
        this.values = values;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        line.getPoints().clear();
        double w = getWidth() - 2;
        double h = getHeight() - 4;
        if (values.size() < 2 || w <= 0 || h <= 0) {
            return;
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double scale = max <= 0 ? 0 : h / max;
        double step = w / (values.size() - 1);
        for (int i = 0; i < values.size(); i++) {
            line.getPoints().addAll(1 + i * step, 2 + h - values.get(i) * scale);
        }
    }
}
