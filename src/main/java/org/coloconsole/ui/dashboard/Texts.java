package org.coloconsole.ui.dashboard;

import java.time.Duration;
import java.util.Locale;

/** Small wording helpers shared by the dashboard's view models. */
final class Texts {
    private Texts() {
    }

    static String capitalised(String word) {
        if (word == null || word.isEmpty()) {
            return "";
        }
        String lower = word.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** 0.42 ms, 12.3 ms, 1.24 s. */
    static String duration(Duration d) {
        double ms = d.toNanos() / 1_000_000.0;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    /** "2.1 s ago", "3 min ago". */
    static String ago(Duration d) {
        if (d.isNegative()) {
            return "just now";
        }
        long ms = d.toMillis();
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s ago", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return (ms / 60_000) + " min ago";
        }
        return (ms / 3_600_000) + " h ago";
    }
}
