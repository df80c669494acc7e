package org.coloconsole.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.coloconsole.colo.Claim;

/**
 * The pair's lock on this host: an exclusive file lock, one file per pair in a directory of the user's, held for a
 * whole runbook. The kernel releases it when the process dies, so a crashed console never leaves it behind. The
 * file's text names the holder, so a second console is refused with a name at once, never left waiting.
 */
public final class PairLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final Runnable onRelease;

    private PairLock(FileChannel channel, FileLock lock, Runnable onRelease) {
        this.channel = channel;
        this.lock = lock;
        this.onRelease = onRelease;
    }

    /** Either the lock, or the sentence saying who holds it. */
    public record Attempt(Optional<PairLock> lock, String refusal) {
    }

    /**
     * The file for a pair: named by a digest of its two monitors, in either order, so that two consoles that list the
     * pair's monitors the other way round still share it.
     */
    public static Path fileFor(Path directory, String endpointA, String endpointB) {
        List<String> both = endpointA.compareTo(endpointB) <= 0 ? List.of(endpointA, endpointB)
                : List.of(endpointB, endpointA);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", both).getBytes(StandardCharsets.UTF_8));
            return directory.resolve("pair-" + HexFormat.of().formatHex(digest, 0, 12) + ".lock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Takes the file's lock for this process; only {@link PairLocks} calls it, after making sure no runbook of this
     * process holds the file (see there why).
     */
    static Attempt acquire(Path file, Claim me, Runnable onRelease) {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = holderText(channel);
                channel.close();
                return refused(file, holder.isBlank() ? "another console" : Claim.parse(holder).holder());
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((me.text() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new Attempt(Optional.of(new PairLock(channel, lock, onRelease)), "");
        } catch (OverlappingFileLockException e) {
            // Another PairLocks table of this process holds the file. The channel is left open on purpose: closing it
            // would drop that holder's lock (see PairLocks); only a second table in one process gets here.
            return refused(file, "another runbook of this console");
        } catch (IOException e) {
            return new Attempt(Optional.empty(), "The pair's lock on this host (" + file + ") could not be taken: "
                    + e.getMessage() + ". Nothing was sent.");
        }
    }

    static Attempt refused(Path file, String holder) {
        return new Attempt(Optional.empty(), "This pair is locked on this host by " + holder
                + ", which is acting on it (" + file + "). Nothing was sent; wait for it to finish.");
    }

    private static String holderText(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
        onRelease.run();
    }
}
