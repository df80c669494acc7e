package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.coloconsole.qmp.QmpTimestamp;

/**
 * Everything a pair's state is reduced from: what QEMU said (events, poll answers), what the console saw of the
 * connection and its pings, and what the operator's failover did. Each carries its side and the console's time.
 */
public sealed interface Observation {

    Side side();

    Instant at();

    // --- the connection and the console's pings ---

    /** Connect attempt {@code attempt} begins. */
    record Attempting(Side side, Instant at, int attempt) implements Observation {
    }

    /** Connected and negotiated. {@code reconnect}: an earlier connection existed, so events were missed. */
    record Connected(Side side, Instant at, String qemuVersion, boolean reconnect) implements Observation {
    }

    /** {@code socket}: how the monitor is reached, which decides what a refusal proves ({@link DeathEvidence}). */
    record ConnectFailed(Side side, Instant at, SocketKind socket, ConnectFailure reason, String sentence)
            implements Observation {
        public ConnectFailed {
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * An established connection ended. Only a UNIX socket on this host that its peer closed says the QEMU process is
     * gone ({@link DeathEvidence}); over TCP a reset can come from the network, and after a protocol error or the
     * operator's own disconnect the process may well still run its guest.
     */
    record Lost(Side side, Instant at, SocketKind socket, Why why, String sentence) implements Observation {
        public Lost {
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(why, "why");
        }

        /** A local UNIX socket its QEMU closed: what a killed QEMU looks like. */
        public Lost(Side side, Instant at, String sentence) {
            this(side, at, SocketKind.LOCAL_UNIX, Why.CLOSED_BY_PEER, sentence);
        }

        public enum Why {
            /** End of stream or reset by the peer: proof of death on a local UNIX socket only. */
            CLOSED_BY_PEER,
            /** The console gave up on what QEMU sent: the process still runs. */
            PROTOCOL_ERROR,
            /** The operator disconnected: says nothing about QEMU. */
            BY_USER,
            /**
             * The console dropped a connection that stayed silent, to learn from a new one whether QEMU hangs or its
             * host cannot be reached: says nothing new until that attempt answers.
             */
            SILENT
        }
    }

    /** The polls after a (re)connect have all answered. */
    record Resynced(Side side, Instant at) implements Observation {
    }

    record PingOk(Side side, Instant at, Duration roundTrip) implements Observation {
    }

    /** {@code consecutive} heartbeat intervals passed with a ping outstanding and no reply. */
    record PingMissed(Side side, Instant at, int consecutive, Duration silence) implements Observation {
    }

    // --- QEMU events ---

    /** COLO stopped on this side. {@code error} is only sent by some builds. */
    record ColoExit(Side side, Instant at, Tag<ColoMode> mode, Tag<ColoExitReason> reason, Optional<String> error,
                    QmpTimestamp qemuTime, String raw) implements Observation {
        public ColoExit {
            Objects.requireNonNull(error, "error");
        }
    }

    record Stopped(Side side, Instant at) implements Observation {
    }

    record Resumed(Side side, Instant at) implements Observation {
    }

    record Shutdown(Side side, Instant at, boolean guest, String reason) implements Observation {
    }

    record Reset(Side side, Instant at, boolean guest, String reason) implements Observation {
    }

    /** Migration status changed; free text, since QEMU adds statuses ({@code colo} means COLO runs). */
    record MigrationChanged(Side side, Instant at, String status) implements Observation {
    }

    /** A RAM pass; in COLO the primary sends one per checkpoint. */
    record MigrationPass(Side side, Instant at, long pass) implements Observation {
    }

    record JobStatusChanged(Side side, Instant at, String id, String status) implements Observation {
        public Tag<JobStatus> statusTag() {
            return Tag.of(JobStatus.class, status);
        }
    }

    /**
     * BLOCK_JOB_COMPLETED/CANCELLED/ERROR/READY. {@code device} is the job's id. {@code error}: QEMU's text on a
     * COMPLETED that failed, or the failed operation and QEMU's reaction on an ERROR.
     */
    record BlockJobEvent(Side side, Instant at, String event, String device, Optional<String> error, String raw)
            implements Observation {
        public BlockJobEvent {
            Objects.requireNonNull(error, "error");
        }

        public enum Kind {
            COMPLETED,
            CANCELLED,
            ERROR,
            READY
        }

        public Kind kind() {
            return Kind.valueOf(event.substring("BLOCK_JOB_".length()));
        }
    }

    /**
     * The console fell behind this side's events and lost {@code count} of them (a flood): like a reconnect's gap,
     * what they said is known only from the polls that follow.
     */
    record EventsLost(Side side, Instant at, long count) implements Observation {
    }

    /** Any other event: kept, never dropped. */
    record OtherEvent(Side side, Instant at, String name, String raw) implements Observation {
    }

    // --- answers to polls ---

    /**
     * {@code running} is empty when the reply had no boolean {@code running}: unknown, never "not running" (a malformed
     * reply from a fenced side must not read as stopped).
     */
    record StatusPolled(Side side, Instant at, Optional<Boolean> running, String status) implements Observation {
        public StatusPolled(Side side, Instant at, boolean running, String status) {
            this(side, at, Optional.of(running), status);
        }
    }

    /** {@code lastMode} is absent on QEMU before 4.0 (and on 8.1+ builds without replication). */
    record ColoStatusPolled(Side side, Instant at, Tag<ColoMode> mode, Optional<Tag<ColoMode>> lastMode,
                            Tag<ColoExitReason> reason) implements Observation {
    }

    /** @param lastCheckpoint the last checkpoint's figures, when QEMU reports them (CheckpointFigures) */
    record MigratePolled(Side side, Instant at, String status, Optional<CheckpointFigures> lastCheckpoint)
            implements Observation {
        public MigratePolled(Side side, Instant at, String status) {
            this(side, at, status, Optional.empty());
        }
    }

    /** {@code query-version}; a fresh process may not have the greeting's version at hand. */
    record VersionPolled(Side side, Instant at, String version) implements Observation {
    }

    /** {@code query-name}: the VM's {@code -name}, empty when QEMU was started without one. */
    record NamePolled(Side side, Instant at, Optional<String> name) implements Observation {
        public NamePolled {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The console claim the side's QEMU carries now ({@code qom-get} of its identity); empty: none. */
    record ClaimPolled(Side side, Instant at, Optional<Claim> claim) implements Observation {
        public ClaimPolled {
            Objects.requireNonNull(claim, "claim");
        }
    }

    record CheckpointDelayPolled(Side side, Instant at, Duration delay) implements Observation {
    }

    /**
     * Every job this side has, from {@code command}: {@code query-jobs}, or {@code query-block-jobs} on a QEMU
     * without it. Replaces what events built up, since events sent while disconnected are lost.
     */
    record JobsPolled(Side side, Instant at, String command, List<Job> jobs) implements Observation {
        public JobsPolled {
            jobs = List.copyOf(jobs);
        }
    }

    /** The schema self-test at connect: what this QEMU offers of what the console relies on. */
    record ColoSupportChecked(Side side, Instant at, ColoSupport support) implements Observation {
    }

    /** What this side's COLO is made of, read over its monitor (engine/TopologyDiscovery). */
    record TopologyDiscovered(Side side, Instant at, Topology topology) implements Observation {
        public TopologyDiscovered {
            Objects.requireNonNull(topology, "topology");
        }
    }

    // --- the guest's service, probed from outside ---

    /** The probe the profile names for this side (empty: none), set when the console starts watching the pair. */
    record ProbeConfigured(Side side, Instant at, Optional<ServiceProbe> probe) implements Observation {
        public ProbeConfigured {
            Objects.requireNonNull(probe, "probe");
        }
    }

    /** One run of the side's service probe. */
    record ServiceProbed(ProbeResult result) implements Observation {
        public ServiceProbed {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public Side side() {
            return result.side();
        }

        @Override
        public Instant at() {
            return result.at();
        }
    }

    /** A poll QEMU refused (e.g. {@code query-colo-status} on a build without it). */
    record PollFailed(Side side, Instant at, String command, String sentence) implements Observation {
    }

    // --- the operator's failover ---

    /** The interlock allowed a failover to {@code side} and the intent is journaled. */
    record FailoverStarted(Side side, Instant at) implements Observation {
    }

    /** This side was fenced ({@code stop}, maybe {@code quit}) so it cannot run beside the survivor. */
    record Fenced(Side side, Instant at, String how) implements Observation {
    }

    /** The failover to {@code side} is verified: it carries on alone. */
    record FailoverSucceeded(Side side, Instant at) implements Observation {
    }

    record FailoverFailed(Side side, Instant at, String sentence) implements Observation {
    }

    /** The console gave up on the running failover to {@code side} before its outcome was known. */
    record FailoverAbandoned(Side side, Instant at, String sentence) implements Observation {
    }

    /** The operator's word that they checked both sides after an abandoned failover to {@code side}. */
    record AbandonedFailoverCleared(Side side, Instant at) implements Observation {
    }
}
