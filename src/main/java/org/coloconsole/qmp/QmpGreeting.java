package org.coloconsole.qmp;

import java.util.Set;

/** What QEMU says first on a monitor: its version and the capabilities it offers (e.g. {@code oob}). */
public record QmpGreeting(QemuVersion version, Set<String> capabilities) {
    public QmpGreeting {
        capabilities = Set.copyOf(capabilities);
    }

    public boolean offers(String capability) {
        return capabilities.contains(capability);
    }
}
