package org.coloconsole.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.colo.ColoMode;
import org.coloconsole.colo.ReprotectFacts;
import org.coloconsole.colo.RunState;
import org.coloconsole.colo.Tag;
import org.coloconsole.colo.Topology;
import org.coloconsole.qmp.QemuVersion;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpValue;

/**
 * Reads what {@link org.coloconsole.colo.ReprotectCheck} judges, afresh on both QEMUs: topology, version, COLO mode,
 * run state, and the new side's drives. Blocking: call off the FX and reader threads.
 */
final class ReprotectReader {
    private final Duration timeout;
    private final TopologyDiscovery discovery;

    ReprotectReader(Duration timeout) {
        this.timeout = timeout;
        this.discovery = new TopologyDiscovery(timeout);
    }

    ReprotectFacts read(QmpClient survivor, QmpClient fresh) throws InterruptedException {
        return new ReprotectFacts(discovery.discover(survivor), version(survivor), mode(survivor), run(survivor),
                discovery.discover(fresh), version(fresh), mode(fresh), run(fresh), drives(fresh), lastMode(survivor));
    }

    Topology topology(QmpClient client) throws InterruptedException {
        return discovery.discover(client);
    }

    Tag<ColoMode> mode(QmpClient client) throws InterruptedException {
        return Tag.of(ColoMode.class, ask(client, "query-colo-status").string("mode").orElse("unknown"));
    }

    /** The mode it last left ({@code none}: never in COLO). */
    Tag<ColoMode> lastMode(QmpClient client) throws InterruptedException {
        return Tag.of(ColoMode.class, ask(client, "query-colo-status").string("last-mode").orElse("unknown"));
    }

    Tag<RunState> run(QmpClient client) throws InterruptedException {
        return Tag.of(RunState.class, ask(client, "query-status").string("status").orElse("unknown"));
    }

    /** The job of that id: its status, or empty when there is none. */
    Optional<QmpValue> job(QmpClient client, String id) throws InterruptedException {
        for (QmpValue job : ask(client, "query-jobs").elements()) {
            if (job.string("id").filter(id::equals).isPresent()) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    QmpValue ask(QmpClient client, String command) throws InterruptedException {
        try {
            return client.execute(command, Map.of(), timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return QmpValue.missing();
        }
    }

    private QemuVersion version(QmpClient client) throws InterruptedException {
        QmpValue qemu = ask(client, "query-version").get("qemu");
        return new QemuVersion((int) qemu.get("major").asLong(-1), (int) qemu.get("minor").asLong(-1),
                (int) qemu.get("micro").asLong(-1), ask(client, "query-version").string("package").orElse(""));
    }

    private List<String> drives(QmpClient client) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (QmpValue device : ask(client, "query-block").elements()) {
            device.string("device").filter(name -> !name.isEmpty()).ifPresent(names::add);
        }
        return names;
    }
}
