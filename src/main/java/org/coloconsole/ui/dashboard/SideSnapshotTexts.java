package org.coloconsole.ui.dashboard;

/** One-line wordings of a side for places smaller than its card. */
public final class SideSnapshotTexts {
    private SideSnapshotTexts() {
    }

    /** "Primary: connected, healthy (0.42 ms)". */
    public static String statusLine(SideSnapshot side) {
        return Texts.capitalised(side.side()) + ": "
                + SideCardViewModel.connectionText(side.connection()).toLowerCase(java.util.Locale.ROOT) + ", "
                + side.heartbeat().toLowerCase(java.util.Locale.ROOT)
                + side.lastRtt().map(rtt -> " (" + Texts.duration(rtt) + ")").orElse("");
    }
}
