package org.coloconsole.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.colo.ProxyObject;
import org.coloconsole.colo.Topology;
import org.coloconsole.colo.TopologyDecoder;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpValue;

/**
 * Reads what a side's COLO is made of over its monitor (docs/colo-full-pair.md): no configuration needed for a pair
 * built like QEMU's guide. A query this QEMU refuses (e.g. {@code x-debug-query-block-graph} under
 * {@code -compat unstable-input=reject}) leaves that part empty rather than failing the whole discovery.
 */
public final class TopologyDiscovery {
    private final Duration timeout;

    public TopologyDiscovery(Duration timeout) {
        this.timeout = timeout;
    }

    /** Blocking: a few dozen round trips of well under a millisecond each; call off the FX and reader threads. */
    public Topology discover(QmpClient client) throws InterruptedException {
        List<ProxyObject> proxy = new ArrayList<>();
        for (TopologyDecoder.Named named : TopologyDecoder.proxyObjects(ask(client, "qom-list",
                Map.of("path", "/objects")))) {
            Map<ProxyObject.Link, String> links = new EnumMap<>(ProxyObject.Link.class);
            for (ProxyObject.Link link : TopologyDecoder.linksOf(named.type().value())) {
                TopologyDecoder.linkValue(ask(client, "qom-get", Map.of("path", "/objects/" + named.id(),
                        "property", link.property()))).ifPresent(value -> links.put(link, value));
            }
            proxy.add(new ProxyObject(named.id(), named.type(), links));
        }
        return TopologyDecoder.assemble(proxy, ask(client, "query-named-block-nodes", Map.of()),
                ask(client, "x-debug-query-block-graph", Map.of()), ask(client, "query-block-exports", Map.of()),
                ask(client, "query-chardev", Map.of()));
    }

    /** The answer, or a missing value when QEMU refuses or does not answer in time. */
    private QmpValue ask(QmpClient client, String command, Map<String, ?> arguments) throws InterruptedException {
        try {
            return client.execute(command, arguments, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return QmpValue.missing();
        }
    }
}
