package org.coloconsole.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.coloconsole.app.profile.ProfileHints;

/** Turns one side's state into the card's texts, its colour state and the round-trip sparkline. */
public final class SideCardViewModel {
    private static final Set<String> GONE_BEATS = Set.of("LOST", "UNREACHABLE");

    private final String side;
    private final DateTimeFormatter clock;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper endpoint = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper connectionDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper coloSupport = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper heartbeat = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper heartbeatDetail = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper runState = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper colo = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper coloDetail = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper lastExit = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper exitError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper migration = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<CardState> state = new ReadOnlyObjectWrapper<>(CardState.DEGRADED);
    private final ReadOnlyObjectWrapper<List<Double>> sparkline = new ReadOnlyObjectWrapper<>(List.of());

    public SideCardViewModel(String side, ZoneId zone) {
        this.side = side;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
        title.set(Texts.capitalised(side));
    }

    public void update(SideSnapshot s, Instant now) {
        endpoint.set(s.endpoint());
        connection.set(connectionText(s.connection()));
        connectionDetail.set("CONNECTED".equals(s.connection()) ? ""
                : s.whyNotConnected().map(SideCardViewModel::whyText).orElse(""));
        version.set(s.qemuVersion().map(v -> "QEMU " + v).orElse("QEMU version not known yet"));
        coloSupport.set(s.coloSupport().map(text -> "COLO support: " + text).orElse(""));
        heartbeat.set(Texts.capitalised(s.heartbeat()));
        heartbeatDetail.set(s.lastRtt().map(rtt -> "last round trip " + Texts.duration(rtt)).orElse("no round trip yet")
                + (s.misses() > 0 ? " · " + s.misses() + (s.misses() == 1 ? " miss" : " misses") : ""));
        // what a side said before its monitor went away may no longer be true: say so
        String stale = "CONNECTED".equals(s.connection()) ? "" : " (last known)";
        runState.set(s.runState().map(r -> r + (s.running() ? "" : " (guest paused)")).orElse("unknown")
                + (s.fenced() ? " · fenced by the console" : "") + (s.runState().isPresent() ? stale : ""));
        colo.set("mode " + s.coloMode() + stale);
        coloDetail.set("last mode " + s.lastMode() + " · reason " + s.reason());
        lastExit.set(s.lastExit().map(exit -> exitText(exit, now)).orElse("no COLO_EXIT"));
        exitError.set(s.lastExit().flatMap(SideSnapshot.ColoExit::error).map(e -> "error: " + e).orElse(""));
        migration.set(s.migrationStatus().orElse("unknown"));
        notice.set(s.gap().orElse(""));
        state.set(classify(s));
        sparkline.set(s.recentRtts().stream().map(d -> d.toNanos() / 1_000_000.0).toList());
    }

    private String exitText(SideSnapshot.ColoExit exit, Instant now) {
        String when = exit.qemuTime()
                .map(t -> " at " + clock.format(t) + " QEMU time (" + Texts.ago(Duration.between(t, now)) + ")")
                .orElse(" (QEMU's clock gave no time)");
        return "COLO_EXIT " + exit.mode() + "/" + exit.reason() + when;
    }

    /** The engine's words as a sentence, with the dialog's field or box where they advise a setting. */
    static String whyText(String why) {
        String sentence = why.strip();
        if (sentence.isEmpty()) {
            return "";
        }
        sentence = Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
        return ProfileHints.add(sentence.endsWith(".") ? sentence : sentence + ".");
    }

    static String connectionText(String connection) {
        switch (connection) {
            case "CONNECTED":
                return "Connected";
            case "CONNECTING":
                return "Connecting…";
            case "DISCONNECTED":
                return "Disconnected";
            case "NEVER_CONNECTED":
                return "Not connected yet";
            case "REJECTED":
                return "Refused: TLS or plain TCP";
            default:
                return Texts.capitalised(connection);
        }
    }

    /** Lost beats everything; then an exited COLO; then anything short of a healthy, running replica. */
    static CardState classify(SideSnapshot s) {
        if (GONE_BEATS.contains(s.heartbeat()) || "DISCONNECTED".equals(s.connection())) {
            return CardState.LOST;
        }
        if (s.lastExit().isPresent() || (!"none".equals(s.lastMode()) && "none".equals(s.coloMode()))) {
            return CardState.EXITED;
        }
        if (!"HEALTHY".equals(s.heartbeat()) || !"CONNECTED".equals(s.connection()) || s.gap().isPresent()
                || s.fenced()) {
            return CardState.DEGRADED;
        }
        return CardState.HEALTHY;
    }

    public String side() {
        return side;
    }

    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public ReadOnlyStringProperty endpointProperty() { return endpoint.getReadOnlyProperty(); }
    public ReadOnlyStringProperty connectionProperty() { return connection.getReadOnlyProperty(); }
    /** While not connected: why, as a sentence (a refused TLS handshake, a refused connection); else empty. */
    public ReadOnlyStringProperty connectionDetailProperty() { return connectionDetail.getReadOnlyProperty(); }
    public ReadOnlyStringProperty versionProperty() { return version.getReadOnlyProperty(); }
    /** "COLO support: ok", or what this QEMU lacks of what the console relies on; empty until checked. */
    public ReadOnlyStringProperty coloSupportProperty() { return coloSupport.getReadOnlyProperty(); }
    public ReadOnlyStringProperty heartbeatProperty() { return heartbeat.getReadOnlyProperty(); }
    public ReadOnlyStringProperty heartbeatDetailProperty() { return heartbeatDetail.getReadOnlyProperty(); }
    public ReadOnlyStringProperty runStateProperty() { return runState.getReadOnlyProperty(); }
    public ReadOnlyStringProperty coloProperty() { return colo.getReadOnlyProperty(); }
    /** Last mode and reason, as query-colo-status reported them. */
    public ReadOnlyStringProperty coloDetailProperty() { return coloDetail.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lastExitProperty() { return lastExit.getReadOnlyProperty(); }
    public ReadOnlyStringProperty exitErrorProperty() { return exitError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty migrationProperty() { return migration.getReadOnlyProperty(); }
    /** A gap after a reconnect, in a sentence; empty when none. */
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<CardState> stateProperty() { return state.getReadOnlyProperty(); }
    /** Round trips of the last minute in milliseconds, oldest first. */
    public ReadOnlyObjectProperty<List<Double>> sparklineProperty() { return sparkline.getReadOnlyProperty(); }
}
