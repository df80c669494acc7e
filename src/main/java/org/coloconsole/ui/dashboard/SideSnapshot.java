package org.coloconsole.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a side card shows, as the dashboard reads it from the engine's state (see {@code PairStateAdapter}): a flat,
 * display-oriented copy so the view models do not follow every change of the domain's records.
 *
 * @param side        {@code primary} or {@code secondary}
 * @param connection  NEVER_CONNECTED, CONNECTING, CONNECTED, DISCONNECTED, REJECTED, or a value the console does not
 *                    know yet
 * @param heartbeat   HEALTHY, SLOW, UNRESPONSIVE, LOST, UNREACHABLE, UNKNOWN (unknown values are kept as text)
 * @param recentRtts  round trips of the last minute, oldest first, for the sparkline
 * @param gap         a sentence while events may have been lost across a reconnect
 * @param whyNotConnected while not connected: the last connect failure or loss as the engine words it (the qmp
 *                    layer's sentence for a refused TLS handshake, "connection refused: the process is gone"…)
 * @param coloSupport the schema self-test at connect: "ok" or what is missing; empty until it answered
 */
public record SideSnapshot(String side, String endpoint, String connection, Optional<String> qemuVersion,
                           String heartbeat, Optional<Duration> lastRtt, int misses, List<Duration> recentRtts,
                           Optional<String> runState, boolean running, String coloMode, String lastMode,
                           String reason, Optional<ColoExit> lastExit, Optional<String> migrationStatus,
                           boolean fenced, Optional<String> gap, Optional<String> whyNotConnected,
                           Optional<String> coloSupport) {

    /** A side whose QEMU has not answered the schema self-test (yet). */
    public SideSnapshot(String side, String endpoint, String connection, Optional<String> qemuVersion,
                        String heartbeat, Optional<Duration> lastRtt, int misses, List<Duration> recentRtts,
                        Optional<String> runState, boolean running, String coloMode, String lastMode,
                        String reason, Optional<ColoExit> lastExit, Optional<String> migrationStatus,
                        boolean fenced, Optional<String> gap, Optional<String> whyNotConnected) {
        this(side, endpoint, connection, qemuVersion, heartbeat, lastRtt, misses, recentRtts, runState, running,
                coloMode, lastMode, reason, lastExit, migrationStatus, fenced, gap, whyNotConnected, Optional.empty());
    }

    public SideSnapshot {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(endpoint, "endpoint");
        recentRtts = List.copyOf(recentRtts);
        Objects.requireNonNull(whyNotConnected, "whyNotConnected");
        Objects.requireNonNull(coloSupport, "coloSupport");
    }

    /** The last COLO_EXIT this side reported, kept until a failover decision clears it. */
    public record ColoExit(String mode, String reason, Optional<String> error, Optional<Instant> qemuTime) {
    }

    /** A side the console has not reached yet. */
    public static SideSnapshot unknown(String side, String endpoint) {
        return new SideSnapshot(side, endpoint, "NEVER_CONNECTED", Optional.empty(), "UNKNOWN", Optional.empty(), 0,
                List.of(), Optional.empty(), false, "none", "none", "none", Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty());
    }
}
