package org.coloconsole.app.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.coloconsole.colo.ReprotectPlan;
import org.coloconsole.colo.Topology;
import org.coloconsole.engine.PairConfig;
import org.coloconsole.engine.Switchover;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpException;

/**
 * On a real pair the operator starts the new secondary on the old primary's host: the console prints the command line
 * it expects (derived from the promoted side) and waits until the new QEMU's monitor answers. It connects only to
 * greet and lets go at once: a QMP monitor serves one client, and the restore phase connects next.
 */
final class OperatorNewSecondary implements Switchover.NewSecondary {
    private static final long RETRY_MILLIS = 1000;

    private final PairConfig config;
    private final Duration within;

    /** @param config the pair's TLS settings apply to the new monitor too */
    OperatorNewSecondary(PairConfig config, Duration within) {
        this.config = config;
        this.within = within;
    }

    @Override
    public Optional<String> bringUp(Endpoint endpoint, Topology survivor, Consumer<String> say)
            throws InterruptedException {
        say.accept("Start the new secondary on the old primary's host now (its old QEMU was quit), with "
                + "-incoming defer; the command line the console expects:");
        ReprotectPlan.expectedSecondary(survivor).forEach(line -> say.accept("    " + line));
        say.accept("Waiting up to " + within.toMinutes() + " min for its monitor at " + endpoint.text() + " …");
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            QmpClientOptions options = QmpClientOptions.defaults("swap-new-secondary")
                    .withAllowInsecure(config.allowInsecure());
            if (config.tls().isPresent()) {
                options = options.withTls(config.tls().get());
            }
            try (QmpClient client = new QmpClient(options)) {
                client.connect(endpoint);
                say.accept("The new secondary's monitor answers.");
                return Optional.empty();
            } catch (QmpException e) {
                last = e.getMessage();
            }
            TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
        }
        return Optional.of("the new secondary's monitor " + endpoint.text() + " did not answer within "
                + within.toMinutes() + " min (" + last + ")");
    }
}
