package org.coloconsole.app.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saved connection profiles: {@code $XDG_CONFIG_HOME/colo-console/profiles.json} (default
 * {@code ~/.config/colo-console}), readable by the owner only (0600, directory 0700), written atomically.
 */
public final class ProfileStore {
    static final String FILE_NAME = "profiles.json";

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // a profile without TLS files is written as before TLS existed, so an older console still reads it
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public ProfileStore(Path file) {
        this.file = file;
    }

    /** The store in the XDG config dir of this environment. */
    public static ProfileStore inConfigDir(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new ProfileStore(base.resolve("colo-console").resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** Every saved profile, the most recently used first. */
    public List<ConnectionProfile> list() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        StoredProfiles stored;
        try {
            stored = mapper.readValue(file.toFile(), StoredProfiles.class);
        } catch (JsonProcessingException e) {
            throw unreadable(e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            // a profile's own checks (a blank name, a bad endpoint) are the file's fault, not a reason not to start
            throw unreadable(String.valueOf(e.getMessage()), e);
        }
        // JSON null or {"profiles": [null]} (a profile without its name or endpoints fails its own checks above): junk the window must not trip over
        if (stored == null) {
            throw unreadable("it holds null, not the profiles object", null);
        }
        List<ConnectionProfile> profiles = new ArrayList<>(stored.profiles() == null ? List.of() : stored.profiles());
        for (ConnectionProfile p : profiles) {
            if (p == null) {
                throw unreadable("a profile in it is null", null);
            }
        }
        profiles.sort(Comparator.comparing((ConnectionProfile p) -> p.lastUsedAt().orElse(null),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ConnectionProfile::name));
        return List.copyOf(profiles);
    }

    /** The {@code limit} most recently used. */
    public List<ConnectionProfile> recent(int limit) throws IOException {
        return list().stream().filter(p -> p.lastUsedAt().isPresent()).limit(limit).toList();
    }

    public Optional<ConnectionProfile> find(String name) throws IOException {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Saving over it is refused too (every write reads first), so the file is left as it is for the operator. */
    private IOException unreadable(String why, Exception cause) {
        return new IOException("The profiles file " + file + " cannot be read (" + why + "). It was left untouched: "
                + "fix or remove it, and the console will start a new one.", cause);
    }

    /** Adds or replaces the profile of the same name. */
    public void save(ConnectionProfile profile) throws IOException {
        List<ConnectionProfile> profiles = new ArrayList<>(list());
        profiles.removeIf(p -> p.name().equals(profile.name()));
        profiles.add(profile);
        write(profiles);
    }

    /** Marks a profile as just used, so it leads the recent list. */
    public void markUsed(String name, Instant at) throws IOException {
        List<ConnectionProfile> profiles = new ArrayList<>(list());
        profiles.replaceAll(p -> p.name().equals(name) ? p.usedAt(at) : p);
        write(profiles);
    }

    public void delete(String name) throws IOException {
        List<ConnectionProfile> profiles = new ArrayList<>(list());
        if (profiles.removeIf(p -> p.name().equals(name))) {
            write(profiles);
        }
    }

    private void write(List<ConnectionProfile> profiles) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path temp = Files.createTempFile(dir, ".profiles", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            // on disk before the rename: otherwise a power cut after it can leave profiles.json empty
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(mapper.writeValueAsBytes(new StoredProfiles(1, profiles)));
                out.getFD().sync();
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
            // an older file may have been created with a looser mode by hand
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes the rename itself survive a power cut. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir,
                StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // a file system that cannot open a directory: the OS still keeps the rename across a crash of ours
        }
    }

    /** The file's shape; the version lets a later console migrate it. */
    record StoredProfiles(int version, List<ConnectionProfile> profiles) {
    }
}
