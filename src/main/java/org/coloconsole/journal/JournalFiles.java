package org.coloconsole.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where the journal lives on disk: names, private permissions, rotation names and pruning. */
final class JournalFiles {
    static final String CURRENT = "journal.jsonl";
    static final String LOCK = "journal.lock";
    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final Pattern ROTATED = Pattern.compile("journal-(\\d{8}-\\d{6})(?:-(\\d+))?\\.jsonl");

    private JournalFiles() {
    }

    /** {@code $XDG_DATA_HOME/colo-console/journal}, or {@code $HOME/.local/share/colo-console/journal}. */
    static Path defaultDirectory(Map<String, String> env, String userHome) {
        String dataHome = env.get("XDG_DATA_HOME");
        // the XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored
        Path base;
        if (dataHome != null && !dataHome.isEmpty() && Path.of(dataHome).isAbsolute()) {
            base = Path.of(dataHome);
        } else {
            String home = env.get("HOME");
            if (home == null || home.isEmpty()) {
                home = userHome;
            }
            base = Path.of(home, ".local", "share");
        }
        return base.resolve("colo-console").resolve("journal");
    }

    /** Creates the directory 0700; an existing one that others can read is tightened, with a warning. */
    static void prepareDirectory(Path directory, List<String> warnings) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            try {
                Files.createDirectory(directory, privateAttribute(DIRECTORY_PERMISSIONS));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(directory);
            } catch (FileAlreadyExistsException e) {
                // created by someone else meanwhile: checked below like any existing directory
            }
            forceDirectory(directory.getParent()); // so the new directory itself survives a power cut
        }
        refuseIfOthersControl(directory);
        tighten(directory, DIRECTORY_PERMISSIONS, warnings);
    }

    /**
     * As OpenSSH's StrictModes does for {@code ~/.ssh}: a journal directory that another user owns, or that the group
     * or others may write, lets someone else swap, delete or pre-create the audit trail (a symlink in place of
     * {@code journal.jsonl}); refused with a sentence rather than silently fixed, since the trail may already be
     * tampered with. Only readable by others is merely tightened (below).
     */
    static void refuseIfOthersControl(Path directory) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to check
        }
        if (attributes.isSymbolicLink()) {
            throw new IOException(directory + " is a symbolic link; the journal directory must be a real directory "
                    + "of yours (remove the link)");
        }
        String me = System.getProperty("user.name");
        if (me != null && !attributes.owner().getName().equals(me)) {
            throw new IOException(directory + " belongs to " + attributes.owner().getName() + ", not to " + me
                    + "; the journal must live in a directory only you control");
        }
        Set<PosixFilePermission> p = attributes.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(directory + " is writable by " + (p.contains(PosixFilePermission.OTHERS_WRITE)
                    ? "everyone" : "its group") + " (" + PosixFilePermissions.toString(p) + "), so someone else "
                    + "could replace the journal; make it yours alone with: chmod 700 " + directory);
        }
    }

    /** Opens (creating 0600) a file for appending. */
    static FileChannel openForAppend(Path file, List<String> warnings) throws IOException {
        FileChannel channel;
        try {
            // NOFOLLOW: a symlink planted as journal.jsonl must not send the audit trail (or our writes) elsewhere
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS), privateAttribute(FILE_PERMISSIONS));
        } catch (UnsupportedOperationException e) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(file)) {
                throw new IOException(file + " is a symbolic link; the journal does not follow links (remove it)", e);
            }
            throw e;
        }
        tighten(file, FILE_PERMISSIONS, warnings);
        return channel;
    }

    /** Creates a new file 0600 that did not exist before. */
    static FileChannel createPrivate(Path file) throws IOException {
        try {
            return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), privateAttribute(FILE_PERMISSIONS));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** {@code journal-YYYYMMDD-HHMMSS[-N].jsonl}, in UTC, not yet taken. */
    static Path rotatedName(Path directory, Instant now) {
        return uniqueName(directory, "journal-" + compactUtc(now), ".jsonl");
    }

    /** {@code journal.jsonl.torn-YYYYMMDD-HHMMSS[-N]}, not yet taken. */
    static Path tornName(Path directory, Instant now) {
        return uniqueName(directory, CURRENT + ".torn-" + compactUtc(now), "");
    }

    /** Rotated files, oldest first. */
    static List<Path> rotatedFiles(Path directory) throws IOException {
        List<Path> rotated = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> ROTATED.matcher(f.getFileName().toString()).matches()).forEach(rotated::add);
        }
        rotated.sort(Comparator.comparing(JournalFiles::rotationStamp).thenComparingLong(JournalFiles::rotationIndex));
        return rotated;
    }

    /** Deletes the oldest rotated files beyond {@code keep}; returns how many went. */
    static int prune(Path directory, int keep) throws IOException {
        List<Path> rotated = rotatedFiles(directory);
        int excess = rotated.size() - keep;
        for (int i = 0; i < excess; i++) {
            Files.deleteIfExists(rotated.get(i));
        }
        return Math.max(0, excess);
    }

    /** Makes a rename or a new file in the directory survive a power cut, not just a crash of this process. */
    static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot open a directory: a process crash is still covered by the OS
        }
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted, List<String> warnings) throws IOException {
        try {
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
            if (!actual.equals(wanted)) {
                Files.setPosixFilePermissions(path, wanted);
                warnings.add(path + " was " + PosixFilePermissions.toString(actual) + "; it is now "
                        + PosixFilePermissions.toString(wanted) + " so that only you can read the journal.");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to tighten
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> privateAttribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static Path uniqueName(Path directory, String stem, String suffix) {
        Path candidate = directory.resolve(stem + suffix);
        for (int n = 1; Files.exists(candidate); n++) {
            candidate = directory.resolve(stem + "-" + n + suffix);
        }
        return candidate;
    }

    private static String compactUtc(Instant now) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(now.getEpochSecond(), 0, ZoneOffset.UTC);
        return String.format("%04d%02d%02d-%02d%02d%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    private static String rotationStamp(Path file) {
        Matcher m = ROTATED.matcher(file.getFileName().toString());
        return m.matches() ? m.group(1) : "";
    }

    /** Any run of digits is an index: a name nobody expected must not stop rotation or reading. */
    private static long rotationIndex(Path file) {
        Matcher m = ROTATED.matcher(file.getFileName().toString());
        if (!m.matches() || m.group(2) == null) {
            return 0;
        }
        String digits = m.group(2);
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
