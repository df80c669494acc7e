package org.coloconsole.colo;

import java.util.List;
import org.coloconsole.qmp.QemuVersion;

/**
 * What the console read on both QEMUs before restoring protection: the survivor (to be the primary) and the new side
 * (to be the secondary, started with {@code -incoming defer}).
 *
 * @param freshDrives      the new side's drives by name ({@code query-block}), among which the export must be
 * @param survivorLastMode the survivor's {@code last-mode}: {@code none} when it was never in COLO (see
 *                         {@link ProtectionHistory})
 */
public record ReprotectFacts(Topology survivor, QemuVersion survivorVersion, Tag<ColoMode> survivorMode,
                             Tag<RunState> survivorRun, Topology fresh, QemuVersion freshVersion,
                             Tag<ColoMode> freshMode, Tag<RunState> freshRun, List<String> freshDrives,
                             Tag<ColoMode> survivorLastMode) {
    public ReprotectFacts {
        freshDrives = List.copyOf(freshDrives);
    }

    /** Without the survivor's last mode: read as after a failover, the flow this record was first made for. */
    public ReprotectFacts(Topology survivor, QemuVersion survivorVersion, Tag<ColoMode> survivorMode,
                          Tag<RunState> survivorRun, Topology fresh, QemuVersion freshVersion, Tag<ColoMode> freshMode,
                          Tag<RunState> freshRun, List<String> freshDrives) {
        this(survivor, survivorVersion, survivorMode, survivorRun, fresh, freshVersion, freshMode, freshRun,
                freshDrives, new Tag<>(ColoMode.UNKNOWN, "unknown"));
    }

    /** Whether the primary-to-be was ever protected: protecting a plain pair, or restoring after a failover. */
    public ProtectionHistory history() {
        return ProtectionHistory.of(survivorLastMode);
    }
}
