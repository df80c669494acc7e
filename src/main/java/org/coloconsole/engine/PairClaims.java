package org.coloconsole.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.coloconsole.colo.Claim;

/**
 * Who this console process is when it claims a pair, and where its host's pair locks live: made once by the
 * composition root and handed to every failover runner of the process.
 *
 * <p>A class, not a record: it owns this process's table of held pair locks ({@link PairLocks}), which must be one
 * per process.
 */
public final class PairClaims {
    private final Claim me;
    private final Path lockDirectory;
    private final PairLocks locks = new PairLocks();

    /**
     * @param me            this process as a holder ({@code since} is set when a claim is taken; the nonce tells this
     *                      process from a later one with the same pid)
     * @param lockDirectory where the per-pair lock files are ({@link PairLock})
     */
    public PairClaims(Claim me, Path lockDirectory) {
        this.me = me;
        this.lockDirectory = lockDirectory;
    }

    public Claim me() {
        return me;
    }

    public Path lockDirectory() {
        return lockDirectory;
    }

    PairLocks locks() {
        return locks;
    }

    /**
     * This host's lock on the pair {@code config} names, taken for this process: what a runbook holds from its fence
     * to its outcome, and an automatic fence while it fences. A refusal names the holder.
     */
    public PairLock.Attempt lockHost(PairConfig config) {
        return locks.tryAcquire(PairLock.fileFor(lockDirectory, config.primary().text(), config.secondary().text()),
                me);
    }

    /**
     * This process: the host's name, the user, the pid and the process's start time as nonce; locks in
     * {@code $XDG_RUNTIME_DIR/colo-console/locks} (else {@code TMPDIR/colo-console-USER/locks}).
     */
    public static PairClaims forThisProcess(Map<String, String> environment) {
        String user = environment.getOrDefault("USER", System.getProperty("user.name", "?"));
        Claim me = new Claim(hostName(), user, ProcessHandle.current().pid(), "?", nonce());
        String runtime = environment.get("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "colo-console", "locks")
                : Path.of(System.getProperty("java.io.tmpdir"), "colo-console-" + user, "locks");
        return new PairClaims(me, dir);
    }

    /**
     * The same for every runner of this process (a window opens a session per pair), different for a later process
     * that reuses the pid: the process's start time, else random.
     */
    private static String nonce() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Long.toHexString(start.toEpochMilli()))
                .orElseGet(() -> {
                    byte[] random = new byte[6];
                    new SecureRandom().nextBytes(random);
                    return HexFormat.of().formatHex(random);
                });
    }

    /** The kernel's host name when readable (no DNS look-up), else Java's. */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask Java
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }

    /** A claim on the pair that {@code supervisor} watches, not yet taken. */
    public PairClaim open(PairSupervisor supervisor, Duration timeout) {
        return new PairClaim(supervisor, this, timeout);
    }
}
