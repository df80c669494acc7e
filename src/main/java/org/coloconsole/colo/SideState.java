package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the console knows about one side, reduced from observations. Immutable.
 *
 * @param connectionSentence why the connection is down (or empty)
 * @param running            from {@code query-status} or STOP/RESUME; empty until known
 * @param lastExit           the last COLO_EXIT, kept until a failover decision clears it: QEMU sends it once, and
 *                           afterwards its polls still look healthy
 * @param lastCheckpointAt   the last STOP/RESUME/MIGRATION_PASS seen while in COLO: the rhythm of replication
 * @param gap                the last time the console was disconnected from this side, if it ever was
 * @param fenced             the console stopped this side's guest during a failover
 * @param jobs               background jobs by id, in QEMU's order: from query-jobs, kept live by the job events
 * @param synced             the state was re-read (polled) since the last connect: what it says is current
 * @param coloSupport        the schema self-test of the last connect; empty until it answered
 * @param vmName             the VM's name from QEMU's {@code -name} ({@code query-name}); empty until read or unnamed
 * @param recentCheckpoints  when this side's guest resumed from a checkpoint, within {@link #CHECKPOINT_WINDOW} of
 *                           the latest: one RESUME per checkpoint on each side (docs/colo-behaviour.md), so their
 *                           count is the replication's rate
 * @param claim              the console claim this side's QEMU carries (docs/colo-behaviour.md, "The claim"); empty
 *                           when it carries none or it was not read
 * @param topology           what this side's COLO is made of, as last discovered over its monitor; empty until read
 * @param service            the side's service probe, if the profile names one, and its last result
 * @param lastCheckpointFigures the last checkpoint's downtime and bytes from {@code query-migrate}, when QEMU reports
 *                           them (QEMU 7.2 and 10.0 do not: {@link CheckpointFigures})
 */
public record SideState(Side side, String endpoint, ConnectionStatus connection, Instant connectionSince,
                        String connectionSentence, Optional<String> qemuVersion, Heartbeat heartbeat,
                        String runState, Optional<Boolean> running, Tag<ColoMode> coloMode,
                        Optional<Tag<ColoMode>> lastMode, Tag<ColoExitReason> reason,
                        Optional<Observation.ColoExit> lastExit, String migrationStatus,
                        Optional<Duration> checkpointDelay, Optional<Instant> lastCheckpointAt, Optional<Gap> gap,
                        boolean fenced, Map<String, Job> jobs, boolean synced, Optional<ColoSupport> coloSupport,
                        Optional<String> vmName, List<Instant> recentCheckpoints, Optional<Claim> claim,
                        Optional<Topology> topology, ServiceWatch service,
                        Optional<CheckpointFigures> lastCheckpointFigures) {

    /** How far back {@link #recentCheckpoints} reaches: the rate is "per minute". */
    public static final Duration CHECKPOINT_WINDOW = Duration.ofMinutes(1);

    /** The run state a side starts at: the console's word for "not read yet", not one of QEMU's run states. */
    private static final String NOT_READ = "unknown";

    /** A side whose QEMU reported no checkpoint figures. */
    public SideState(Side side, String endpoint, ConnectionStatus connection, Instant connectionSince,
                     String connectionSentence, Optional<String> qemuVersion, Heartbeat heartbeat,
                     String runState, Optional<Boolean> running, Tag<ColoMode> coloMode,
                     Optional<Tag<ColoMode>> lastMode, Tag<ColoExitReason> reason,
                     Optional<Observation.ColoExit> lastExit, String migrationStatus,
                     Optional<Duration> checkpointDelay, Optional<Instant> lastCheckpointAt, Optional<Gap> gap,
                     boolean fenced, Map<String, Job> jobs, boolean synced, Optional<ColoSupport> coloSupport,
                     Optional<String> vmName, List<Instant> recentCheckpoints, Optional<Claim> claim,
                     Optional<Topology> topology, ServiceWatch service) {
        this(side, endpoint, connection, connectionSince, connectionSentence, qemuVersion, heartbeat, runState,
                running, coloMode, lastMode, reason, lastExit, migrationStatus, checkpointDelay, lastCheckpointAt, gap,
                fenced, jobs, synced, coloSupport, vmName, recentCheckpoints, claim, topology, service,
                Optional.empty());
    }

    public SideState {
        // not Map.copyOf: the order QEMU listed the jobs in is the order an operator sees them
        jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
        recentCheckpoints = List.copyOf(recentCheckpoints);
    }

    public static SideState initial(Side side, String endpoint, Instant at) {
        return new SideState(side, endpoint, ConnectionStatus.NEVER_CONNECTED, at, "", Optional.empty(),
                Heartbeat.unknown(at), NOT_READ, Optional.empty(), ColoMode.NONE_TAG, Optional.empty(),
                ColoExitReason.NONE_TAG, Optional.empty(), "unknown", Optional.empty(), Optional.empty(),
                Optional.empty(), false, Map.of(), false, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), ServiceWatch.none());
    }

    /**
     * Checkpoints this side completed in the minute before {@code now}. Counted from the observations, not asked of
     * QEMU: 7.2's query-migrate has no COLO checkpoint counter.
     */
    public int checkpointsPerMinute(Instant now) {
        Instant from = now.minus(CHECKPOINT_WINDOW);
        int count = 0;
        for (Instant at : recentCheckpoints) {
            if (at.isAfter(from) && !at.isAfter(now)) {
                count++;
            }
        }
        return count;
    }

    /** The console can send it commands now. */
    public boolean answering() {
        return connection == ConnectionStatus.CONNECTED && heartbeat.status().answering();
    }

    /** QEMU says this side is in COLO (or was, until a COLO_EXIT the polls do not show yet). */
    public boolean inColo() {
        return coloMode.is(ColoMode.PRIMARY) || coloMode.is(ColoMode.SECONDARY);
    }

    /**
     * In COLO with no COLO_EXIT since, and not stopped by the console: its guest's STOP and RESUME come from
     * checkpoints. (A fenced side's RESUME is news: COLO started a guest the operator had stopped.)
     */
    public boolean checkpointing() {
        return inColo() && lastExit.isEmpty() && !fenced;
    }

    /** Replication broke and this side waits for a decision (COLO_EXIT reason=error). */
    public boolean waitingAfterError() {
        return lastExit.map(e -> e.reason().is(ColoExitReason.ERROR)).orElse(false) && !tookOver();
    }

    /**
     * This side left COLO on request and carries on alone: a failover happened here. Known from the COLO_EXIT, or
     * — for a fresh process that saw no event — from {@code query-colo-status}: last-mode set, mode none,
     * reason request.
     */
    public boolean tookOver() {
        // a fenced side counts too: a lost-heartbeat sent to a stopped side resumes its guest (docs/colo-behaviour.md)
        boolean exitOnRequest = lastExit.map(e -> e.reason().is(ColoExitReason.REQUEST)).orElse(false);
        boolean polledAfterRequest = coloMode.is(ColoMode.NONE) && reason.is(ColoExitReason.REQUEST)
                && lastMode.map(m -> m.is(ColoMode.PRIMARY) || m.is(ColoMode.SECONDARY)).orElse(false);
        return exitOnRequest || polledAfterRequest;
    }

    /**
     * Whether QEMU's last COLO mode and exit reason say anything: a side that never left COLO reports "none" and
     * "none", which a card or a status line leaves out as noise.
     */
    public boolean reportsColoHistory() {
        return lastMode.map(m -> !m.is(ColoMode.NONE)).orElse(false) || !reason.is(ColoExitReason.NONE);
    }

    /** The run state QEMU reported, or empty while none was read yet. */
    public Optional<String> reportedRunState() {
        return runState == null || runState.isBlank() || runState.equals(NOT_READ) ? Optional.empty()
                : Optional.of(runState);
    }

    /** {@link #runState()} as a known QEMU RunState, or UNKNOWN with the raw string. */
    public Tag<RunState> runStateTag() {
        return Tag.of(RunState.class, runState);
    }

    /** {@link #migrationStatus()} as a known QEMU MigrationStatus, or UNKNOWN with the raw string. */
    public Tag<MigrationStatus> migrationStatusTag() {
        return Tag.of(MigrationStatus.class, migrationStatus);
    }

    /**
     * The parts COLO needs that this side lacks, for the role it plays now: only while it replicates (a survivor that
     * runs alone lacks them by design, and a side never read has nothing to judge).
     */
    public List<Topology.Warning> topologyWarnings() {
        if (topology.isEmpty() || !checkpointing()) {
            return List.of();
        }
        return topology.get().warnings(coloMode.is(ColoMode.PRIMARY) ? Side.PRIMARY : Side.SECONDARY);
    }

    /** Its guest runs, as far as the last STOP/RESUME or query-status says. */
    public boolean guestRuns() {
        return running.orElse(false);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** The reducer's way to change a few fields of a large record. */
    static final class Builder {
        Side side;
        String endpoint;
        ConnectionStatus connection;
        Instant connectionSince;
        String connectionSentence;
        Optional<String> qemuVersion;
        Heartbeat heartbeat;
        String runState;
        Optional<Boolean> running;
        Tag<ColoMode> coloMode;
        Optional<Tag<ColoMode>> lastMode;
        Tag<ColoExitReason> reason;
        Optional<Observation.ColoExit> lastExit;
        String migrationStatus;
        Optional<Duration> checkpointDelay;
        Optional<Instant> lastCheckpointAt;
        Optional<Gap> gap;
        boolean fenced;
        Map<String, Job> jobs;
        boolean synced;
        Optional<ColoSupport> coloSupport;
        Optional<String> vmName;
        List<Instant> recentCheckpoints;
        Optional<Claim> claim;
        Optional<Topology> topology;
        ServiceWatch service;
        Optional<CheckpointFigures> lastCheckpointFigures;

        private Builder(SideState s) {
            side = s.side;
            endpoint = s.endpoint;
            connection = s.connection;
            connectionSince = s.connectionSince;
            connectionSentence = s.connectionSentence;
            qemuVersion = s.qemuVersion;
            heartbeat = s.heartbeat;
            runState = s.runState;
            running = s.running;
            coloMode = s.coloMode;
            lastMode = s.lastMode;
            reason = s.reason;
            lastExit = s.lastExit;
            migrationStatus = s.migrationStatus;
            checkpointDelay = s.checkpointDelay;
            lastCheckpointAt = s.lastCheckpointAt;
            gap = s.gap;
            fenced = s.fenced;
            jobs = s.jobs;
            synced = s.synced;
            coloSupport = s.coloSupport;
            vmName = s.vmName;
            recentCheckpoints = s.recentCheckpoints;
            claim = s.claim;
            topology = s.topology;
            service = s.service;
            lastCheckpointFigures = s.lastCheckpointFigures;
        }

        Builder connection(ConnectionStatus next, Instant at, String sentence) {
            if (next != connection) {
                connectionSince = at;
            }
            connection = next;
            connectionSentence = sentence;
            return this;
        }

        SideState build() {
            return new SideState(side, endpoint, connection, connectionSince, connectionSentence, qemuVersion,
                    heartbeat, runState, running, coloMode, lastMode, reason, lastExit, migrationStatus,
                    checkpointDelay, lastCheckpointAt, gap, fenced, jobs, synced, coloSupport, vmName,
                    recentCheckpoints, claim, topology, service, lastCheckpointFigures);
        }
    }
}
