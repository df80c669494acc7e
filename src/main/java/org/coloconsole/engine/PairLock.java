package org.coloconsole.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private PairLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
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

    public static Attempt tryAcquire(Path file, Claim me) {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another runbook in this same process
            }
            if (lock == null) {
                String holder = holderText(channel);
                channel.close();
                return new Attempt(Optional.empty(), "This pair is locked on this host by "
                        + (holder.isBlank() ? "another console" : Claim.parse(holder).holder())
                        + ", which is running a failover on it (" + file + "). Nothing was sent; wait for it to "
                        + "finish.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((me.text() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new Attempt(Optional.of(new PairLock(channel, lock)), "");
        } catch (IOException e) {
            return new Attempt(Optional.empty(), "The pair's lock on this host (" + file + ") could not be taken: "
                    + e.getMessage() + ". Nothing was sent.");
        }
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
    }
}
