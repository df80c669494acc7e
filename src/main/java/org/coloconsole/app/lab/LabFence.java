package org.coloconsole.app.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coloconsole.engine.FenceSpec;

/**
 * The lab's own fence agent: a script in the conventions of Linux HA fence agents (options on standard input,
 * {@code action=off} kills the side's QEMU, {@code status} says whether it runs), copied into each lab's run
 * directory as {@value #FILE_NAME}. No agent of Debian's {@code fence-agents} can act on a QEMU process of this host
 * ({@code fence_virsh} needs libvirt over ssh, {@code fence_ipmilan} a BMC), so this one stands in for them; a profile
 * or the CLI names it like any other agent.
 */
public final class LabFence {
    static final String RESOURCE = "org/coloconsole/app/lab/fence_colo_lab";
    public static final String FILE_NAME = "fence_colo_lab";

    private LabFence() {
    }

    /** Copies the script into {@code runDir} (mode 0700) and returns its path. */
    public static Path installInto(Path runDir) {
        Path target = runDir.resolve(FILE_NAME);
        try (InputStream in = LabFence.class.getModule().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LabException("this build of colo-console has no lab fence agent (" + RESOURCE + ")");
            }
            Path partial = Files.createTempFile(runDir, FILE_NAME, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwx------"));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new LabException("cannot copy the lab's fence agent into " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** The fence action that kills {@code side}'s QEMU of the lab in {@code runDir}. */
    public static FenceSpec spec(Path runDir, LabSide side, Duration timeout) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("plug", side.label());
        options.put("run_dir", runDir.toAbsolutePath().toString());
        return new FenceSpec(List.of(runDir.resolve(FILE_NAME).toAbsolutePath().toString()), options, timeout);
    }
}
