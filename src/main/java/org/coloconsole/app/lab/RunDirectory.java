package org.coloconsole.app.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

/** The lab's private directory: sockets, serial and stderr logs, and the state file. */
public final class RunDirectory {
    /** A UNIX socket path must fit in sun_path (108 bytes with the terminating NUL). */
    private static final int MAX_SOCKET_PATH = 107;
    private static final String LONGEST_SOCKET_NAME = "secondary-harness.sock";

    private RunDirectory() {
    }

    /**
     * {@code $XDG_RUNTIME_DIR/colo-console/lab} when that variable names a directory, else
     * {@code TMPDIR/colo-console-USER/lab}: a fixed place, so that {@code lab status} and {@code lab stop} find the lab.
     */
    public static Path defaultLocation(Map<String, String> environment) {
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "colo-console", "lab");
        }
        String user = environment.getOrDefault("USER", System.getProperty("user.name", "user"));
        return Path.of(System.getProperty("java.io.tmpdir"), "colo-console-" + user, "lab");
    }

    /** Makes {@code dir} (and missing parents) readable by its owner only; it must be absent or empty. */
    static void create(Path dir) {
        String socket = dir.toAbsolutePath().resolve(LONGEST_SOCKET_NAME).toString();
        if (socket.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new LabException("the run directory " + dir + " is too long for a UNIX socket path ("
                    + MAX_SOCKET_PATH + " bytes at most); choose a shorter one");
        }
        try {
            if (Files.isSymbolicLink(dir)) {
                throw new LabException("the run directory " + dir + " is a symbolic link; choose a real directory");
            }
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new LabException("the run directory " + dir + " is a file; choose a directory");
                }
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new LabException("the run directory " + dir
                                + " is not empty and holds no lab; choose an empty or new directory");
                    }
                }
            } else {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null && !Files.exists(parent)) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                }
                Files.createDirectory(dir);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new LabException("cannot create the run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} and everything in it; a directory that is already gone is fine. */
    static void remove(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path visited, IOException failure) throws IOException {
                    if (failure != null && !(failure instanceof NoSuchFileException)) {
                        throw failure;
                    }
                    Files.deleteIfExists(visited);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // removed concurrently: the goal is reached
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the run directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
