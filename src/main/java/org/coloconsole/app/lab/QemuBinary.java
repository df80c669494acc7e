package org.coloconsole.app.lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds the QEMU executable, or says how to install it. */
final class QemuBinary {
    static final String INSTALL_HINT = "install it with: sudo apt-get install qemu-system-x86";

    private QemuBinary() {
    }

    /** An absolute path to an executable {@code nameOrPath} (a bare name is looked up on PATH). */
    static Path resolve(String nameOrPath, Map<String, String> environment) {
        if (nameOrPath.contains("/")) {
            Path path = Path.of(nameOrPath).toAbsolutePath();
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return path;
            }
            throw new LabException(nameOrPath + " was not found" + (Files.exists(path) ? " as an executable" : "")
                    + "; " + INSTALL_HINT);
        }
        String searchPath = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, nameOrPath).toAbsolutePath();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new LabException(nameOrPath + " was not found; " + INSTALL_HINT);
    }
}
