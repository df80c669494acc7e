package org.coloconsole.app.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a QEMU finds its firmware and modules. A system QEMU knows; one unpacked from a Debian package into a folder
 * ({@code ROOT/usr/bin/qemu-system-x86_64}, e.g. a second version beside the system's) is told with {@code -L} and
 * {@code QEMU_MODULE_DIR}.
 *
 * @param binary the executable
 * @param root   the folder it was unpacked into, or null for an installed QEMU
 */
record QemuInstall(Path binary, Path root) {

    static QemuInstall of(Path binary) {
        Path bin = binary.toAbsolutePath().getParent();
        Path usr = bin == null ? null : bin.getParent();
        Path root = usr == null ? null : usr.getParent();
        boolean unpacked = root != null && usr.getFileName() != null && usr.getFileName().toString().equals("usr")
                && !root.equals(root.getRoot()) && Files.isDirectory(usr.resolve("share/qemu"));
        return new QemuInstall(binary, unpacked ? root : null);
    }

    /** Options that go right after the binary. */
    List<String> options() {
        return root == null ? List.of() : List.of("-L", root.resolve("usr/share/qemu").toString());
    }

    Map<String, String> environment() {
        return root == null ? Map.of()
                : Map.of("QEMU_MODULE_DIR", root.resolve("usr/lib/x86_64-linux-gnu/qemu").toString());
    }
}
