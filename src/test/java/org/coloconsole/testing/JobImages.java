package org.coloconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** qcow2 images for real block jobs, made with qemu-img in a test's temp directory. */
public final class JobImages {
    private static final int MIB = 1024 * 1024;
    private final Path dir;

    public JobImages(Path dir) {
        this.dir = dir;
    }

    /** Full of random data, so that a mirror has bytes to copy (zeroes go at once). */
    public Path data(String name, int mib) throws IOException, InterruptedException {
        Path raw = dir.resolve(name + ".raw");
        byte[] bytes = new byte[mib * MIB];
        new Random(42).nextBytes(bytes);
        Files.write(raw, bytes);
        Path image = dir.resolve(name);
        qemuImg("convert", "-f", "raw", "-O", "qcow2", raw.toString(), image.toString());
        return image;
    }

    public Path empty(String name, int mib) throws IOException, InterruptedException {
        Path image = dir.resolve(name);
        qemuImg("create", "-f", "qcow2", image.toString(), mib + "M");
        return image;
    }

    /** A qcow2 over {@code base}, for a block-stream job to pull the base's data into. */
    public Path overlay(String name, Path base) throws IOException, InterruptedException {
        Path image = dir.resolve(name);
        qemuImg("create", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", image.toString());
        return image;
    }

    private static void qemuImg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("qemu-img finished").isTrue();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as("qemu-img " + String.join(" ", args) + ": " + output).isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}
