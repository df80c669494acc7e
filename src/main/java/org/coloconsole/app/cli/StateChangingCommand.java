package org.coloconsole.app.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The QMP commands that change COLO or the guest's run state, which {@code colo-console qmp} sends only with
 * {@code --force}: sent by hand they bypass the failover interlock (a lost-heartbeat to the wrong side, or a
 * {@code cont} on a fenced one, leaves two guests running). The one list; {@link #of} is the one check.
 *
 * <p>A name matches after {@code _} is read as {@code -} and case is ignored, so a spelling QEMU might accept cannot
 * slip past. {@code human-monitor-command} runs any HMP command ({@code drive_del}, {@code stop}…), so it counts as
 * changing state whatever its argument.
 */
enum StateChangingCommand {
    COLO("x-colo-", Match.PREFIX, "leaves or changes COLO"),
    STOP("stop", Match.EXACT, "pauses the guest"),
    CONT("cont", Match.EXACT, "starts the guest"),
    QUIT("quit", Match.EXACT, "ends that QEMU"),
    SYSTEM("system-", Match.PREFIX, "resets, powers down or wakes the guest"),
    YANK("yank", Match.EXACT, "cuts the replication connections"),
    MIGRATE("migrate", Match.PREFIX, "changes the replication stream"),
    OBJECT_ADD("object-add", Match.EXACT, "adds a COLO part (filter, compare, iothread…)"),
    OBJECT_DEL("object-del", Match.EXACT, "removes a COLO part"),
    BLOCKDEV_CHANGE("x-blockdev-change", Match.EXACT, "changes the replicated disk's quorum"),
    BLOCKDEV("blockdev-", Match.PREFIX, "changes a disk"),
    DRIVE("drive-", Match.PREFIX, "changes a disk"),
    NBD_SERVER("nbd-server-", Match.PREFIX, "changes the replication disk server"),
    BLOCK_JOB("block-job-", Match.PREFIX, "acts on a disk job"),
    JOB("job-", Match.PREFIX, "acts on a job"),
    DEVICE("device-del", Match.EXACT, "removes a device"),
    DEVICE_ADD("device-add", Match.EXACT, "adds a device"),
    NETDEV("netdev-", Match.PREFIX, "changes a network backend"),
    CHARDEV("chardev-", Match.PREFIX, "changes a character device (the COLO proxy's sockets)"),
    SET_LINK("set-link", Match.EXACT, "takes a network link up or down"),
    HUMAN_MONITOR("human-monitor-command", Match.EXACT, "runs any monitor command (drive_del, stop…)");

    private enum Match { EXACT, PREFIX }

    private final String name;
    private final Match match;
    private final String effect;

    StateChangingCommand(String name, Match match, String effect) {
        this.name = name;
        this.match = match;
        this.effect = effect;
    }

    /** The entry {@code command} falls under, or empty for a command that only reads (query-status…). */
    static Optional<StateChangingCommand> of(String command) {
        String normal = command.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (StateChangingCommand c : values()) {
            if (c.match == Match.EXACT ? normal.equals(c.name) : normal.startsWith(c.name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** What sending it does, for the refusal: "pauses the guest". */
    String effect() {
        return effect;
    }
}
