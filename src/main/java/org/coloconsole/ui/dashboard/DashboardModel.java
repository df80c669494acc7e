package org.coloconsole.ui.dashboard;

import java.time.ZoneId;
import java.util.concurrent.Executor;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Side;

/** The dashboard's view models together, fed the engine's pair snapshot one at a time (on the FX thread). */
public final class DashboardModel {
    private final SideCardViewModel primary;
    private final SideCardViewModel secondary;
    private final BannerViewModel banner = new BannerViewModel();
    private final FailoverViewModel failover;
    private PairSnapshot last;

    public DashboardModel(FailoverPort port, Executor fx, ZoneId zone) {
        this.primary = new SideCardViewModel(Side.PRIMARY, zone);
        this.secondary = new SideCardViewModel(Side.SECONDARY, zone);
        this.failover = new FailoverViewModel(port, fx);
    }

    public void apply(PairSnapshot snapshot) {
        last = snapshot;
        primary.update(snapshot.state().primary(), snapshot.at());
        secondary.update(snapshot.state().secondary(), snapshot.at());
        banner.update(snapshot.recommendation(), snapshot.state().failover());
        failover.update(snapshot);
    }

    public PairSnapshot last() {
        return last;
    }

    public SideCardViewModel primary() { return primary; }
    public SideCardViewModel secondary() { return secondary; }
    public BannerViewModel banner() { return banner; }
    public FailoverViewModel failover() { return failover; }
}
