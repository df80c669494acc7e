package org.coloconsole.colo;

import java.util.List;
import org.coloconsole.qmp.QemuVersion;

/**
 * What the console read on both QEMUs before restoring protection: the survivor (to be the primary) and the new side
 * (to be the secondary, started with {@code -incoming defer}).
 *
 * @param freshDrives the new side's drives by name ({@code query-block}), among which the export must be
 */
public record ReprotectFacts(Topology survivor, QemuVersion survivorVersion, Tag<ColoMode> survivorMode,
                             Tag<RunState> survivorRun, Topology fresh, QemuVersion freshVersion,
                             Tag<ColoMode> freshMode, Tag<RunState> freshRun, List<String> freshDrives) {
    public ReprotectFacts {
        freshDrives = List.copyOf(freshDrives);
    }
}
