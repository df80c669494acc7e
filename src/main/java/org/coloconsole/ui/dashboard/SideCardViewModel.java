package org.coloconsole.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.coloconsole.app.profile.ProfileHints;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.ConnectionStatus;
import org.coloconsole.colo.Heartbeat;
import org.coloconsole.colo.Observation;
import org.coloconsole.colo.ServiceStatus;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;
import org.coloconsole.colo.Topology;
import org.coloconsole.ui.fx.Tone;

/**
 * Turns one side's state, as the engine reduced it, into the card's texts, its colour state and the round-trip
 * sparkline. It reads the domain's records directly: a new value of one of their enums is a compile error here, in
 * the switch expressions, rather than a card that silently reads wrong.
 */
public final class SideCardViewModel {
    private final Side side;
    private final DateTimeFormatter clock;
    private final DateTimeFormatter gapClock;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper endpoint = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper host = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper replication = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastCheckpoint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper topology = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper topologyWarning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper service = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper serviceProbe = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> serviceTone = new ReadOnlyObjectWrapper<>(Tone.NEUTRAL);
    private final ReadOnlyStringWrapper staleNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper connectionDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper coloSupport = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper claim = new ReadOnlyStringWrapper("");
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
    private final ReadOnlyStringWrapper sparklineScale = new ReadOnlyStringWrapper("");

    public SideCardViewModel(Side side, ZoneId zone) {
        this.side = side;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
        this.gapClock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        title.set(side.title());
    }

    public void update(SideState s, Instant now) {
        update(s, s.checkpointDelay(), now);
    }

    /**
     * @param pairDelay the pair's checkpoint interval: the primary's sets it (Replication.delay), the secondary's own
     *                  parameter is an unused default
     */
    public void update(SideState s, Optional<Duration> pairDelay, Instant now) {
        boolean connected = s.connection() == ConnectionStatus.CONNECTED;
        Heartbeat beat = s.heartbeat();
        endpoint.set(s.endpoint());
        host.set(PairNames.host(s.endpoint()) + s.vmName().map(n -> " · VM " + n).orElse(""));
        replication.set(replicationText(s, pairDelay, now));
        lastCheckpoint.set(lastCheckpointText(s));
        // until it is read the row takes no room: the card's other rows say whether the side answers
        topology.set(s.topology().map(Topology::summary).orElse(""));
        List<Topology.Warning> lacks = s.topologyWarnings();
        topologyWarning.set(lacks.isEmpty() ? "" : "Lacks what COLO needs: "
                + lacks.stream().map(Topology.Warning::sentence).collect(Collectors.joining("; ")) + ".");
        ServiceStatus status = ServiceStatus.of(s);
        // a side never reached has no service to speak of yet: the row takes no room, as the other facts it lacks
        service.set(s.qemuVersion().isEmpty() && status.last().isEmpty() ? ""
                : status.sentence() + status.last().map(r -> " · checked " + gapClock.format(r.at())).orElse(""));
        serviceProbe.set(status.where().map(w -> "Probe: " + w).orElse("No service probe configured for this side."));
        serviceTone.set(toneOf(status.kind()));
        // stale only what was once read: a side never reached has no facts to grey
        stale.set(!connected && s.qemuVersion().isPresent());
        staleNote.set(stale.get() ? "Last known at " + gapClock.format(s.connectionSince())
                + ": the facts below may have changed since." : "");
        connection.set(connectionText(s.connection()));
        connectionDetail.set(whyNotConnected(s).map(SideCardViewModel::whyText).orElse(""));
        version.set(s.qemuVersion().map(v -> "QEMU " + v).orElse("QEMU version not known yet"));
        coloSupport.set(s.coloSupport().map(support -> "COLO support: " + support.summary()).orElse(""));
        claim.set(s.claim().map(c -> "Claimed by " + c.holder()).orElse(""));
        heartbeat.set(Texts.capitalised(beat.status().name()));
        heartbeatDetail.set(beat.lastRoundTrip().map(rtt -> "last round trip " + Texts.duration(rtt))
                .orElse("no round trip yet")
                + (beat.misses() > 0 ? " · " + beat.misses() + (beat.misses() == 1 ? " miss" : " misses") : ""));
        // what a side said before its monitor went away may no longer be true: say so
        String stale = connected ? "" : " (last known)";
        Optional<String> reported = s.reportedRunState();
        runState.set(reported.map(r -> r + (s.guestRuns() ? "" : " (guest paused)")).orElse("unknown")
                + (s.fenced() ? " · fenced by the console" : "") + (reported.isPresent() ? stale : ""));
        colo.set("mode " + s.coloMode().raw() + stale);
        coloDetail.set(!s.reportsColoHistory() ? ""
                : "last mode " + s.lastMode().map(m -> m.raw()).orElse("none") + " · reason "
                + s.reason().raw());
        lastExit.set(s.lastExit().map(exit -> exitText(exit, now)).orElse("no COLO_EXIT"));
        exitError.set(s.lastExit().flatMap(Observation.ColoExit::error).map(e -> "error: " + e).orElse(""));
        migration.set(s.migrationStatus() == null || s.migrationStatus().isBlank() ? "unknown" : s.migrationStatus());
        notice.set(unresyncedGap(s).orElse(""));
        state.set(classify(s));
        sparkline.set(Arrays.stream(beat.recentMicros()).mapToObj(us -> us / 1000.0).toList());
        // the line is drawn from 0 (its foot) to its largest value (its top): say what that top is
        sparklineScale.set(beat.recentMicros().length < 2 ? "" : "0 – " + Texts.duration(Duration.ofNanos(
                Arrays.stream(beat.recentMicros()).max().orElse(0) * 1000)));
    }

    /** Green when the guest answered, red when it did not; nothing to colour while not probed. */
    static Tone toneOf(ServiceStatus.Kind kind) {
        return switch (kind) {
            case ANSWERS -> Tone.OK;
            case FAILS -> Tone.FAIL;
            case NOT_CONFIGURED, NOT_PROBED_YET, NOT_EXPECTED -> Tone.NEUTRAL;
        };
    }

    /** "every 2 s · last 0.8 s ago · 30/min" (checkpoints in the last minute); what it is instead when this side does not replicate. */
    static String replicationText(SideState s, Optional<Duration> pairDelay, Instant now) {
        if (s.tookOver()) {
            return "none: it left COLO and runs alone";
        }
        if (!s.checkpointing()) {
            // not in COLO: the COLO row says so already, and a row less keeps the card whole
            return s.inColo() ? "stopped (COLO_EXIT)" : "";
        }
        String every = pairDelay.map(d -> "every " + Texts.duration(d)).orElse("interval not read yet");
        String last = s.lastCheckpointAt().map(t -> "last " + Texts.ago(Duration.between(t, now)))
                .orElse("no checkpoint seen yet");
        int perMinute = s.checkpointsPerMinute(now);
        return every + " · " + last + " · " + perMinute + "/min";
    }

    /** "last checkpoint: 38 ms paused · 1.2 MiB" when QEMU reported the figures; empty (the row hidden) otherwise. */
    static String lastCheckpointText(SideState s) {
        if (!s.checkpointing()) {
            return "";
        }
        return s.lastCheckpointFigures().map(f -> {
            List<String> parts = new ArrayList<>();
            f.paused().ifPresent(d -> parts.add(Texts.duration(d) + " paused"));
            f.bytes().ifPresent(b -> parts.add(bytes(b)));
            return "last checkpoint: " + String.join(" · ", parts);
        }).orElse("");
    }

    /** Bytes as an operator reads them: 512 B, 1.2 MiB. */
    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[unit]);
    }

    private String exitText(Observation.ColoExit exit, Instant now) {
        String when = exit.qemuTime().instant()
                .map(t -> " at " + clock.format(t) + " QEMU time (" + Texts.ago(Duration.between(t, now)) + ")")
                .orElse(" (QEMU's clock gave no time)");
        return "COLO_EXIT " + exit.mode().raw() + "/" + exit.reason().raw() + when;
    }

    /** A sentence while events may have been lost across a reconnect and the state is not re-read yet. */
    private Optional<String> unresyncedGap(SideState s) {
        return s.gap().filter(g -> !g.resynced()).map(g -> "Events between " + gapClock.format(g.from())
                + " and " + gapClock.format(g.until()) + " were lost while disconnected; the state is being re-read.");
    }

    /** The engine keeps the last reason until the next connect; a connected side has none to show. */
    static Optional<String> whyNotConnected(SideState s) {
        String sentence = s.connectionSentence();
        return s.connection() == ConnectionStatus.CONNECTED || sentence == null || sentence.isBlank()
                ? Optional.empty() : Optional.of(sentence);
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

    /** One line for places smaller than the card: "Primary: connected, healthy (0.42 ms)". */
    public static String statusLine(SideState side) {
        return side.side().title() + ": " + midSentence(connectionText(side.connection())) + ", "
                + side.heartbeat().status().name().toLowerCase(Locale.ROOT)
                + side.heartbeat().lastRoundTrip().map(rtt -> " (" + Texts.duration(rtt) + ")").orElse("");
    }

    /** Only the first letter: "Refused: TLS or plain TCP" must not become "refused: tls or plain tcp". */
    private static String midSentence(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    static String connectionText(ConnectionStatus connection) {
        return switch (connection) {
            case CONNECTED -> "Connected";
            case CONNECTING -> "Connecting…";
            case DISCONNECTED -> "Disconnected";
            case NEVER_CONNECTED -> "Not connected yet";
            case REJECTED -> "Refused: TLS or plain TCP";
        };
    }

    /** Lost beats everything; then an exited COLO; then anything short of a healthy, running replica. */
    static CardState classify(SideState s) {
        boolean gone = switch (s.heartbeat().status()) {
            case LOST, UNREACHABLE -> true;
            case UNKNOWN, HEALTHY, SLOW, UNRESPONSIVE -> false;
        };
        if (gone || s.connection() == ConnectionStatus.DISCONNECTED) {
            return CardState.LOST;
        }
        boolean leftColo = s.lastMode().map(m -> !m.is(ColoMode.NONE)).orElse(false) && s.coloMode().is(ColoMode.NONE);
        if (s.tookOver()) {
            // the survivor of a failover: what it is now, not an alarm
            return CardState.RUNS_ALONE;
        }
        if (s.fenced()) {
            return CardState.FENCED;
        }
        if (s.lastExit().isPresent() || leftColo) {
            return CardState.EXITED;
        }
        boolean healthy = switch (s.heartbeat().status()) {
            case HEALTHY -> true;
            case UNKNOWN, SLOW, UNRESPONSIVE, LOST, UNREACHABLE -> false;
        };
        if (!healthy || s.connection() != ConnectionStatus.CONNECTED || unresynced(s)) {
            return CardState.DEGRADED;
        }
        return CardState.HEALTHY;
    }

    private static boolean unresynced(SideState s) {
        return s.gap().filter(g -> !g.resynced()).isPresent();
    }

    public Side side() {
        return side;
    }

    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public ReadOnlyStringProperty endpointProperty() { return endpoint.getReadOnlyProperty(); }
    /** "this machine · VM colo-primary": where it runs and what QEMU calls it. */
    public ReadOnlyStringProperty hostProperty() { return host.getReadOnlyProperty(); }
    /** Checkpoint interval, last checkpoint's age and checkpoints per minute, or why there are none. */
    public ReadOnlyStringProperty replicationProperty() { return replication.getReadOnlyProperty(); }
    /** The last checkpoint's downtime and bytes, when QEMU reports them; else empty. */
    public ReadOnlyStringProperty lastCheckpointProperty() { return lastCheckpoint.getReadOnlyProperty(); }
    /** "disk: replicated via NBD to 127.0.0.1:9799 · network: compared": what this side's COLO is made of. */
    public ReadOnlyStringProperty topologyProperty() { return topology.getReadOnlyProperty(); }
    /** The parts COLO needs that this side lacks, in a sentence; empty when none. */
    public ReadOnlyStringProperty topologyWarningProperty() { return topologyWarning.getReadOnlyProperty(); }
    /** The service probe's last verdict: answers, no answer, not configured, not probed (and why). */
    public ReadOnlyStringProperty serviceProperty() { return service.getReadOnlyProperty(); }
    /** Which probe the service row speaks of (the row's tooltip). */
    public ReadOnlyStringProperty serviceProbeProperty() { return serviceProbe.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Tone> serviceToneProperty() { return serviceTone.getReadOnlyProperty(); }
    /** The facts are what the side said before its monitor went away: they look greyed. */
    public ReadOnlyBooleanProperty staleProperty() { return stale.getReadOnlyProperty(); }
    /** "Last known at 21:09:58: …" while stale; else empty. */
    public ReadOnlyStringProperty staleNoteProperty() { return staleNote.getReadOnlyProperty(); }
    public ReadOnlyStringProperty connectionProperty() { return connection.getReadOnlyProperty(); }
    /** While not connected: why, as a sentence (a refused TLS handshake, a refused connection); else empty. */
    public ReadOnlyStringProperty connectionDetailProperty() { return connectionDetail.getReadOnlyProperty(); }
    public ReadOnlyStringProperty versionProperty() { return version.getReadOnlyProperty(); }
    /** "COLO support: ok", or what this QEMU lacks of what the console relies on; empty until checked. */
    public ReadOnlyStringProperty coloSupportProperty() { return coloSupport.getReadOnlyProperty(); }
    /** Which console holds this side's claim (a failover runs), or empty. */
    public ReadOnlyStringProperty claimProperty() { return claim.getReadOnlyProperty(); }
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
    /** The sparkline's scale: from 0 at its foot to the largest round trip shown at its top. */
    public ReadOnlyStringProperty sparklineScaleProperty() { return sparklineScale.getReadOnlyProperty(); }
}
