package org.coloconsole.app.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The full pair's disk images, made with {@code qemu-img}: the primary's disk, and on the secondary its copy of it
 * (both start empty, so an empty image is an exact copy) with the replication driver's active and hidden layers.
 */
final class LabDisks {
    private LabDisks() {
    }

    static void create(FullPairWiring wiring, Path qemuBinary) {
        String qemuImg = qemuImg(qemuBinary);
        try {
            Files.createDirectories(wiring.disks());
        } catch (IOException e) {
            throw new LabException("cannot create the lab's disk directory " + wiring.disks() + ": " + e.getMessage(),
                    e);
        }
        for (Path image : List.of(wiring.primaryDisk(), wiring.secondaryParent(), wiring.secondaryActive(),
                wiring.secondaryHidden())) {
            run(List.of(qemuImg, "create", "-q", "-f", "qcow2", image.toString(), FullPairWiring.DISK_SIZE));
        }
    }

    /**
     * Fresh, empty images for a new secondary (its copy of the disk, active and hidden layers), replacing the old
     * ones: restoring protection copies the survivor's disk into the copy with drive-mirror.
     */
    static void createSecondary(FullPairWiring.Images images, Path qemuBinary) {
        String qemuImg = qemuImg(qemuBinary);
        for (Path image : images.all()) {
            try {
                Files.deleteIfExists(image);
            } catch (IOException e) {
                throw new LabException("cannot replace the lab's disk " + image + ": " + e.getMessage(), e);
            }
            run(List.of(qemuImg, "create", "-q", "-f", "qcow2", image.toString(), FullPairWiring.DISK_SIZE));
        }
    }

    /** The qemu-img beside the QEMU binary (an unpacked QEMU), else the one on PATH (qemu-utils). */
    private static String qemuImg(Path qemuBinary) {
        Path beside = qemuBinary.toAbsolutePath().getParent().resolve("qemu-img");
        return Files.isExecutable(beside) ? beside.toString() : "qemu-img";
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new LabException("qemu-img could not create a disk of the lab (" + String.join(" ", command)
                        + "): " + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new LabException("cannot run qemu-img (apt-get install qemu-utils): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while creating the lab's disks", e);
        }
    }
}
