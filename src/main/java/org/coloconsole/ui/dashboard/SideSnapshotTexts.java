package org.coloconsole.ui.dashboard;

/** One-line wordings of a side for places smaller than its card. */
public final class SideSnapshotTexts {
    private SideSnapshotTexts() {
    }

    /** "Primary: connected, healthy (0.42 ms)". */
    public static String statusLine(SideSnapshot side) {
        return Texts.capitalised(side.side()) + ": "
                + midSentence(SideCardViewModel.connectionText(side.connection())) + ", "
                + side.heartbeat().toLowerCase(java.util.Locale.ROOT)
                + side.lastRtt().map(rtt -> " (" + Texts.duration(rtt) + ")").orElse("");
    }

    /** Only the first letter: "Refused: TLS or plain TCP" must not become "refused: tls or plain tcp". */
    private static String midSentence(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
