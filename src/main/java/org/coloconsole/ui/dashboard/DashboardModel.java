package org.coloconsole.ui.dashboard;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.coloconsole.colo.Alert;
import org.coloconsole.colo.PairSnapshot;
import org.coloconsole.colo.Replication;
import org.coloconsole.colo.Side;

/** The dashboard's view models together, fed the engine's pair snapshot one at a time (on the FX thread). */
public final class DashboardModel {
    private final SideCardViewModel primary;
    private final SideCardViewModel secondary;
    private final BannerViewModel banner;
    private final String pairName;
    private final FailoverViewModel failover;
    private PairSnapshot last;
    private Consumer<Alert> alertListener = alert -> { };

    public DashboardModel(FailoverPort port, Executor fx, ZoneId zone) {
        this(port, fx, zone, "");
    }

    /** @param pairName the pair's name, said on the banner and in the confirmation */
    public DashboardModel(FailoverPort port, Executor fx, ZoneId zone, String pairName) {
        this.pairName = pairName;
        this.banner = new BannerViewModel(pairName);
        this.primary = new SideCardViewModel(Side.PRIMARY, zone);
        this.secondary = new SideCardViewModel(Side.SECONDARY, zone);
        this.failover = new FailoverViewModel(port, fx, pairName);
    }

    public void apply(PairSnapshot snapshot) {
        List<Alert> alerts = Alert.between(
                Optional.ofNullable(last), snapshot, pairName.isEmpty() ? "COLO pair" : pairName);
        last = snapshot;
        alerts.forEach(alertListener);
        Optional<Duration> delay = Replication.delay(snapshot.state());
        primary.update(snapshot.state().primary(), delay, snapshot.at());
        secondary.update(snapshot.state().secondary(), delay, snapshot.at());
        banner.update(snapshot);
        failover.update(snapshot);
    }

    /** Called on the FX thread with each alert the domain's rule raises (Alert.between). */
    public void onAlert(Consumer<Alert> listener) {
        this.alertListener = Objects.requireNonNull(listener, "listener");
    }

    public String pairName() {
        return pairName;
    }

    public PairSnapshot last() {
        return last;
    }

    public SideCardViewModel primary() { return primary; }
    public SideCardViewModel secondary() { return secondary; }
    public BannerViewModel banner() { return banner; }
    public FailoverViewModel failover() { return failover; }
}
