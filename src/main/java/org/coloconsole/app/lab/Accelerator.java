package org.coloconsole.app.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The accelerator the lab's QEMUs run on. */
public enum Accelerator {
    KVM("the lab runs on KVM"),
    TCG("the lab runs on TCG (software emulation)");

    private final String sentence;

    Accelerator(String sentence) {
        this.sentence = sentence;
    }

    /** A plain sentence for the operator saying which accelerator runs and what that means. */
    public String sentence() {
        return sentence;
    }

    /** KVM when {@code kvmDevice} can be opened read-write (what QEMU needs), else TCG. */
    public static Accelerator detect(Path kvmDevice) {
        // no CREATE: as root, a missing /dev/kvm must not turn into a regular file
        try (FileChannel ignored = FileChannel.open(kvmDevice, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return KVM;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return TCG;
        }
    }
}
