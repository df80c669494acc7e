package org.coloconsole.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The QEMUs the real-QEMU tests run against: the system's (Debian 12: 7.2) and QEMU 10.0 unpacked beside it by
 * {@code .ci/qemu-10.sh}. 10.0 changed the QMP schema and, up to 10.0.6, breaks the start of COLO; the console must
 * cope with both.
 *
 * <p>Where 10.0 lives: the system property {@code colo.qemu10.dir}, else the environment variable
 * {@code COLO_QEMU10_DIR} (the one {@code .ci/qemu-10.sh} reads), else {@code /opt/qemu-10.0}.
 */
public enum TestedQemu {
    /** {@code qemu-system-x86_64} on the PATH. */
    SYSTEM("7.2", 7, 2),
    /** bookworm-backports' 10.0.x, run with its own firmware ({@code -L}) and modules. */
    QEMU_10_0("10.0", 10, 0);

    public static final String DIR_PROPERTY = "colo.qemu10.dir";
    public static final String DIR_ENV = "COLO_QEMU10_DIR";
    public static final Path DEFAULT_DIR = Path.of("/opt/qemu-10.0");

    private final String label;
    private final int major;
    private final int minor;

    TestedQemu(String label, int major, int minor) {
        this.label = label;
        this.major = major;
        this.minor = minor;
    }

    /** "7.2" or "10.0": for test names. */
    public String label() {
        return label;
    }

    /** The major and minor version this binary is expected to greet with. */
    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    /** The unpacked 10.0 tree. */
    public static Path qemu10Dir() {
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(DIR_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : DEFAULT_DIR;
    }

    /** The program and the options it always needs, before any of the test's. */
    public List<String> command() {
        if (this == SYSTEM) {
            return List.of(QemuMonitorProcess.BINARY);
        }
        Path dir = qemu10Dir();
        return List.of(dir.resolve("usr/bin/qemu-system-x86_64").toString(), "-L",
                dir.resolve("usr/share/qemu").toString());
    }

    /** Environment to add: 10.0's modules (accelerators, display) are in its own tree, not the system's. */
    public Map<String, String> environment() {
        if (this == SYSTEM) {
            return Map.of();
        }
        return Map.of("QEMU_MODULE_DIR", qemu10Dir().resolve("usr/lib/x86_64-linux-gnu/qemu").toString());
    }

    /** The full command line for these arguments. */
    public List<String> commandLine(List<String> arguments) {
        List<String> line = new ArrayList<>(command());
        line.addAll(arguments);
        return line;
    }

    /**
     * Why this QEMU cannot be used here, or empty. The system QEMU is checked when it starts (its error names the
     * package to install).
     */
    public String whyMissing() {
        if (this == SYSTEM) {
            return "";
        }
        Path binary = qemu10Dir().resolve("usr/bin/qemu-system-x86_64");
        if (Files.isExecutable(binary)) {
            return "";
        }
        return "QEMU 10.0 is not installed at " + qemu10Dir() + " (no executable " + binary + "): run "
                + ".ci/qemu-10.sh as root, or point -D" + DIR_PROPERTY + " or " + DIR_ENV + " at an unpacked "
                + "bookworm-backports qemu-system-x86";
    }

    /** Fails under {@code CI=true} when this QEMU is not installed, else skips: {@link Needs}. */
    public void assumeInstalled() {
        String why = whyMissing();
        Needs.satisfied(why.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(why));
    }
}
