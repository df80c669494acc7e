package org.coloconsole.ui;

import java.util.Locale;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.TcgWorkaround;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.qmp.Endpoint;

/** "Start local lab pair": a real COLO pair of QEMUs on loopback, stopped when the window closes or disconnects. */
public final class LabPairStarter implements LabStarter {
    private final LabOptions options;

    public LabPairStarter(LabOptions options) {
        this.options = options;
    }

    @Override
    public RunningLab start() {
        LabPair pair = LabPair.start(options);
        PairEndpoints endpoints = new PairEndpoints(pair.primaryConsoleEndpoint(), pair.secondaryConsoleEndpoint());
        ServiceProbes probes = pair.state().serviceProbes();
        String description = pair.state().kind().name().toLowerCase(Locale.ROOT) + " pair, "
                + pair.accelerator()
                + (pair.tcgWorkaround() == TcgWorkaround.LOADED ? " with the TCG workaround" : "")
                + ", checkpoint every " + pair.checkpointDelay().toMillis() + " ms";
        return new RunningLab() {
            @Override
            public PairEndpoints endpoints() {
                return endpoints;
            }

            @Override
            public ServiceProbes probes() {
                return probes;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public boolean startsNewSecondaries() {
                return pair.state().kind() == LabPairKind.FULL;
            }

            @Override
            public Endpoint startNewSecondary(Endpoint slot) {
                LabSide side = slot.equals(pair.primaryConsoleEndpoint()) ? LabSide.PRIMARY : LabSide.SECONDARY;
                pair.startNewSecondary(side);
                return pair.consoleEndpoint(side);
            }

            @Override
            public void close() {
                pair.close();
            }
        };
    }
}
