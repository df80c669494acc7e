package org.coloconsole.app.cli;

import java.util.function.Supplier;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.PairClaims;
import picocli.CommandLine.Command;

/**
 * {@code colo-console reprotect --primary SURVIVOR --secondary NEW}: restores COLO protection after a failover, onto a
 * new secondary started with {@code -incoming defer} (docs/colo-full-pair.md, "Resume replication on the survivor").
 */
@Command(name = "reprotect", mixinStandardHelpOptions = true,
        description = {"Restore protection after a failover: --primary is the survivor that runs alone, --secondary "
                + "a new QEMU started with the secondary's disks, filters and chardevs and -incoming defer.",
                "Exit 0 when both sides are in COLO again with checkpoints flowing (and the probe green); 1 when "
                        + "refused or failed (what was added is taken back); 2 when a side does not answer."})
public final class ReprotectCommand extends ProtectionCommand {
    public ReprotectCommand(AuditTrailFactory trails, Supplier<PairClaims> claims) {
        super(trails, claims);
    }
}
