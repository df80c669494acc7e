package org.coloconsole.ui;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import org.coloconsole.ui.log.LogTimes;

/**
 * What the window remembers per user: its bounds, whether it was maximised, where the operator put the divider
 * between the cards and the log, and the theme. Plain data; {@link WindowMemory} reads and writes it.
 *
 * @param divider the divider's position (0–1), only once the operator placed it
 * @param dark    the operator's theme choice; empty until they made one (then the desktop's preference counts)
 * @param logTimes the clock the log's times are read on (View ▸ Times in UTC / in local time); local at first
 */
public record WindowState(OptionalDouble x, OptionalDouble y, double width, double height, boolean maximized,
                          OptionalDouble divider, Optional<Boolean> dark, LogTimes logTimes) {
    public WindowState {
        Objects.requireNonNull(logTimes, "logTimes");
    }

    /** A state with the log's times in local time. */
    public WindowState(OptionalDouble x, OptionalDouble y, double width, double height, boolean maximized,
                       OptionalDouble divider, Optional<Boolean> dark) {
        this(x, y, width, height, maximized, divider, dark, LogTimes.LOCAL);
    }

    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;

    public static WindowState first() {
        return new WindowState(OptionalDouble.empty(), OptionalDouble.empty(), DEFAULT_WIDTH, DEFAULT_HEIGHT, false,
                OptionalDouble.empty(), Optional.empty());
    }

    /** Reads what {@link #toProperties()} wrote; a missing or unreadable value keeps its default. */
    static WindowState from(Properties p) {
        WindowState d = first();
        String theme = p.getProperty("theme", "");
        return new WindowState(number(p, "x"), number(p, "y"), number(p, "width").orElse(d.width),
                number(p, "height").orElse(d.height), Boolean.parseBoolean(p.getProperty("maximized")),
                number(p, "divider").stream().filter(v -> v > 0 && v < 1).findFirst(),
                theme.equals("dark") ? Optional.of(true) : theme.equals("light") ? Optional.of(false) : Optional.empty(),
                "utc".equals(p.getProperty("log-times")) ? LogTimes.UTC : LogTimes.LOCAL);
    }

    Properties toProperties() {
        Properties p = new Properties();
        x.ifPresent(v -> p.setProperty("x", Double.toString(v)));
        y.ifPresent(v -> p.setProperty("y", Double.toString(v)));
        p.setProperty("width", Double.toString(width));
        p.setProperty("height", Double.toString(height));
        p.setProperty("maximized", Boolean.toString(maximized));
        divider.ifPresent(v -> p.setProperty("divider", Double.toString(v)));
        dark.ifPresent(v -> p.setProperty("theme", v ? "dark" : "light"));
        p.setProperty("log-times", logTimes == LogTimes.UTC ? "utc" : "local");
        return p;
    }

    private static OptionalDouble number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(value.strip());
            return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
