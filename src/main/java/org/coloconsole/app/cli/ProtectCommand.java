package org.coloconsole.app.cli;

import java.util.function.Supplier;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.PairClaims;
import picocli.CommandLine.Command;

/**
 * {@code colo-console protect --primary P --secondary S}: puts two plain QEMUs under COLO from the start, by the same
 * flow as {@code reprotect} (a plain primary is a survivor that still has all its chardevs).
 */
@Command(name = "protect", mixinStandardHelpOptions = true,
        description = {"Protect two plain QEMUs: --primary runs the guest with the guide's primary command line but "
                + "was never in COLO (a quorum disk with one child, the proxy chardevs, the filters if given), "
                + "--secondary a QEMU with the secondary's disks, filters and chardevs and -incoming defer.",
                "Parts the primary has already are not added again; the plan says which and why.",
                "Exit 0 when both sides are in COLO with checkpoints flowing (and the probe green); 1 when refused "
                        + "or failed (what was added is taken back); 2 when a side does not answer."})
public final class ProtectCommand extends ProtectionCommand {
    public ProtectCommand(AuditTrailFactory trails, Supplier<PairClaims> claims) {
        super(trails, claims);
    }
}
