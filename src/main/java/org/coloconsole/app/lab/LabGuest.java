package org.coloconsole.app.lab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The full lab's guest: Debian's kernel with an initramfs of busybox that writes a counter to the disk every 100 ms
 * and serves it at {@code GET /cgi-bin/status} on port 80 ({@code src/main/resources/lab-guest}). Built once per
 * user from Debian's packages (fetched by name and unpacked, never installed) into the cache directory, keyed by a
 * digest of the build's own files so that a changed init builds anew.
 *
 * @param kernel    the kernel image ({@code -kernel})
 * @param initramfs the initramfs ({@code -initrd})
 */
public record LabGuest(Path kernel, Path initramfs) {
    /** Not a multiple of 256 KiB: under TCG QEMU 7.2's secondary guest oopses after checkpoints at 128 MiB. */
    public static final String MEMORY = "131200K";
    /** Where the guest writes its counter on its disk: sector 2048, 1 MiB in. */
    public static final long COUNTER_SECTOR = 2048;
    /** The guest's service: port 80, this path. */
    public static final String STATUS_PATH = "/cgi-bin/status";

    private static final String RESOURCES = "lab-guest/";
    private static final List<String> FILES = List.of("build-guest.sh", "init", "status.cgi");
    private static final long BUILD_MINUTES = 10;

    /** {@code $XDG_CACHE_HOME/colo-console}, else {@code ~/.cache/colo-console}. */
    public static Path defaultCache(Map<String, String> environment) {
        String cache = environment.get("XDG_CACHE_HOME");
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache, "colo-console");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "colo-console");
    }

    /**
     * The guest in {@code cache}, built first if it is not there yet. Concurrent callers (two labs starting) wait for
     * one build.
     *
     * @throws LabException with the build's own words when it cannot be built (no apt lists, no network)
     */
    public static LabGuest ensure(Path cache) {
        try {
            Files.createDirectories(cache);
            Map<String, byte[]> files = files();
            Path dir = cache.resolve("guest-" + digest(files));
            LabGuest guest = new LabGuest(dir.resolve("vmlinuz"), dir.resolve("initramfs.gz"));
            if (guest.present()) {
                return guest;
            }
            try (FileChannel lockFile = FileChannel.open(cache.resolve("guest.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (!guest.present()) {
                    build(dir, files);
                }
            }
            return guest;
        } catch (IOException e) {
            throw new LabException("cannot build the lab's guest in " + cache + ": " + e.getMessage(), e);
        }
    }

    private boolean present() {
        return Files.isRegularFile(kernel) && Files.isRegularFile(initramfs);
    }

    private static void build(Path dir, Map<String, byte[]> files) throws IOException {
        Path sources = Files.createTempDirectory(dir.getParent(), "guest-sources");
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(sources.resolve(file.getKey()), file.getValue());
            }
            Path log = sources.resolve("build.log");
            Process build = new ProcessBuilder("sh", sources.resolve("build-guest.sh").toString(), dir.toString(),
                    sources.resolve("init").toString(), sources.resolve("status.cgi").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean ended = build.waitFor(BUILD_MINUTES, TimeUnit.MINUTES);
            if (!ended) {
                build.destroyForcibly();
            }
            if (!ended || build.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
                throw new LabException("the lab's guest could not be built from Debian's packages ("
                        + (ended ? "exit " + build.exitValue() : "no end after " + BUILD_MINUTES + " minutes") + "): "
                        + tail);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while building the lab's guest", e);
        } finally {
            RunDirectory.remove(sources);
        }
    }

    private static Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = LabGuest.class.getModule().getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new LabException("this build of colo-console lacks " + RESOURCES + name);
                }
                files.put(name, in.readAllBytes());
            }
        }
        return files;
    }

    private static String digest(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
